# The two commands of the README.
.PHONY: dev test

dev:
	bash scripts/dev

test:
	bash scripts/test
