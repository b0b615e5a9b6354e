# The entry points. See README.md.
.PHONY: run serve replica-demo backup restore test lint lint-fix readme check pot bench bench-scale bench-legacy
SHELL := /bin/bash

run:            ## install what is missing, create/update the demo database, serve on :8069
	bash scripts/run.sh

serve:          ## production start: workers, /websocket, proxy_mode, one database without demo, 127.0.0.1
	bash scripts/serve.sh

replica-demo:   ## a hot standby on :5433, Odoo reading the public board from it; prints where queries ran
	bash scripts/replica_demo.sh

backup:         ## one encrypted archive per database (dump, filestore, manifest), copied away, pruned (docs/backup.md)
	bash scripts/backup.sh

restore:        ## BACKUP=archive [NAME=db] [FORCE=1] [REAL=1] [CHECK=1]: check and restore into a new, neutralised database
	BACKUP="$(BACKUP)" NAME="$(NAME)" FORCE="$(FORCE)" REAL="$(REAL)" CHECK="$(CHECK)" bash scripts/restore.sh

test:           ## throwaway database + the whole suite (pytest-odoo, HTTP, Chromium tours)
	bash scripts/test.sh

lint:           ## OCA's pre-commit hooks on every file (ruff, pylint-odoo, oca-checks, prettier, readme...)
	bash scripts/lint.sh

lint-fix:       ## let the hooks fix what they can (ruff, ruff format, prettier...), then show what is left
	JIANXI_LINT_FIX=1 bash scripts/lint.sh

readme:         ## generate jianxi_internship/README.rst and static/description/index.html from readme/
	bash scripts/readme.sh

pot:            ## export i18n/jianxi_internship.pot with Odoo and merge it into i18n/zh_CN.po
	bash scripts/i18n.sh

check: lint test

bench:          ## throwaway database: time the public position board at 100, 1,000 and 10,000 positions
	python3 scripts/bench_board.py $(BENCH_ARGS)

bench-scale:    ## throwaway database: a province (88 counties, 1,000,000 internships); every page, job, claim and apply
	python3 scripts/bench_scale.py $(BENCH_ARGS)

bench-legacy:   ## throwaway database: time the legacy import's dry run and import at 10, 100 and 1,000 rows
	bash scripts/bench_legacy_import.sh
