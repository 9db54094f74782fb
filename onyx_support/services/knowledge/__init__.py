"""Knowledge articles: the rules of domain/knowledge.py applied to the Knowledge Article DocType,
their search (search.py), counters (counters.py), the work from a support request (requests.py)
and their public pages (pages.py)."""
