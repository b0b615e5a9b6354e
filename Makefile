# The entry points. See README.md.
.PHONY: run test lint check
SHELL := /bin/bash

run:            ## install what is missing, create/update the demo database, serve on :8069
	bash scripts/run.sh

test:           ## throwaway database + the whole suite (pytest-odoo, HTTP, Chromium tours)
	bash scripts/test.sh

lint:           ## ruff + pylint-odoo mandatory checks
	bash scripts/lint.sh

check: lint test
