#!/usr/bin/env bash
# `make readme`: jianxi_internship/README.rst and static/description/index.html from readme/*.md
# and the manifest (scripts/gen_readme.py; `make lint` fails while they are out of date).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_lint_venv
"$LINT_VENV/bin/python" "$REPO_DIR/scripts/gen_readme.py" "$@"
