#!/usr/bin/env bash
# `make lint`: ruff, then pylint-odoo's mandatory checks (with this project's author).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_odoo_source
ensure_venv
cd "$REPO_DIR"
"$VENV/bin/ruff" check .
PYTHONPATH="$ODOO_SRC" "$VENV/bin/pylint" --rcfile=.pylintrc jianxi_internship
log "lint clean"
