"""The public page of a knowledge article (/kb/<slug>): a first version, replaced by the portal's."""


def public_page_context(doc, context):
	context.no_cache = 1
	context.title = doc.title
	return context
