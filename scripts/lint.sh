#!/usr/bin/env bash
# `make lint`: OCA's 18.0 pre-commit hooks (.pre-commit-config.yaml) over every file git tracks.
# Every hook is local and its tool pinned: Python tools in the virtualenv (requirements.txt),
# prettier under the cache folder (scripts/prettier/package-lock.json); PRE_COMMIT_HOME is in the
# cache folder too, so pre-commit downloads nothing. Fails on any finding, and when a hook fixed a
# file (ruff --fix, ruff format, prettier --write, end-of-file...): the diff is shown, commit it.
#
#   JIANXI_LINT_FIX=1 (`make lint-fix`)  first let every fixer rewrite the files, then run again and
#                                        show only what is left to fix by hand.
#   JIANXI_LINT_SKIP_PYTHON=1            skip ruff, ruff-format, pylint (optional, mandatory, duplicate-code)
#                                        and the Python-only hygiene hooks.
#   SKIP=hook-id,...                     pre-commit's own way to skip some hooks.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_system_packages
ensure_odoo_source
ensure_lint_venv
ensure_prettier
cd "$REPO_DIR"
export PATH="$LINT_VENV/bin:$PATH"
export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
export PRE_COMMIT_HOME="$JIANXI_CACHE/pre-commit"

untracked=$(git ls-files --others --exclude-standard)
[ -z "$untracked" ] || log "not checked until git adds them: $(echo "$untracked" | tr '\n' ' ')"

PYTHON_HOOKS=ruff,ruff-format,pylint_odoo,pylint_odoo-mandatory,pylint-duplicate-code,debug-statements,fix-encoding-pragma,check-docstring-first
if [ -n "${JIANXI_LINT_SKIP_PYTHON:-}" ]; then
  export SKIP="${SKIP:+$SKIP,}$PYTHON_HOOKS"
  log "skipping the Python hooks: $PYTHON_HOOKS"
fi
if [ -n "${JIANXI_LINT_FIX:-}" ]; then
  log "first pass: the fixers rewrite what they can"
  pre-commit run --all-files >/dev/null || true
  log "second pass: what is left"
fi
pre-commit run --all-files --show-diff-on-failure || die "lint: see the findings above"
log "lint clean"
