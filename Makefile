# The entry points. See README.md.
.PHONY: run test lint check pot bench
SHELL := /bin/bash

run:            ## install what is missing, create/update the demo database, serve on :8069
	bash scripts/run.sh

test:           ## throwaway database + the whole suite (pytest-odoo, HTTP, Chromium tours)
	bash scripts/test.sh

lint:           ## ruff + pylint-odoo mandatory checks
	bash scripts/lint.sh

pot:            ## export i18n/jianxi_internship.pot with Odoo and merge it into i18n/zh_CN.po
	bash scripts/i18n.sh

check: lint test

bench:          ## throwaway database: time the public position board at 100, 1,000 and 10,000 positions
	python3 scripts/bench_board.py $(BENCH_ARGS)
