#!/usr/bin/env bash
# Shared set-up for `make run`, `make test` and `make lint`.
# Everything here is idempotent: a second run only checks, it does not reinstall.
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo}
ODOO_BRANCH=18.0
JIANXI_CACHE=${JIANXI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jianxi}
DB_USER=${PGUSER:-$(id -un)}
export PGUSER=$DB_USER

log() { printf '\033[1m[jianxi]\033[0m %s\n' "$*" >&2; }
die() { printf '[jianxi] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root (or sudo) to run: $*"; fi
}

# Debian packages: the server, build headers for psycopg2/python-ldap, PDF rendering,
# Chromium for browser tests, CJK fonts so Chinese renders in PDFs and screenshots,
# gettext's msgmerge for `make pot`, and Node.js with npm for prettier in `make lint`.
# (poppler-utils: pdftoppm, with which scripts/screenshots.py turns the PDF reports into pictures)
SYSTEM_PACKAGES=(postgresql build-essential python3-dev libpq-dev libldap2-dev libsasl2-dev wkhtmltopdf chromium fonts-noto-cjk git python3-venv gettext nodejs npm poppler-utils)

# A package counts as present when dpkg has it, or (for nodejs and npm) when its command is on
# the PATH: NodeSource's nodejs ships npm itself and conflicts with Debian's npm package.
package_present() {
  case "$1" in
    nodejs) command -v node >/dev/null && return 0 ;;
    npm) command -v npm >/dev/null && return 0 ;;
  esac
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

ensure_system_packages() {
  local missing=() p
  for p in "${SYSTEM_PACKAGES[@]}"; do
    package_present "$p" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing system packages (${missing[*]}) and no apt-get: install them by hand"
  log "installing system packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ensure_postgres() {
  if pg_isready -q 2>/dev/null; then :; else
    log "starting PostgreSQL"
    local v
    for v in $(ls /etc/postgresql 2>/dev/null); do
      as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null \
        || as_root pg_ctlcluster "$v" main start || true
    done
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL does not answer on its socket"
  fi
  # The database role of the current user, as a superuser would create it.
  if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
    log "creating PostgreSQL role $DB_USER"
    as_root runuser -u postgres -- createuser --createdb "$DB_USER"
  fi
}

ensure_odoo_source() {
  if [ -x "$ODOO_SRC/odoo-bin" ] && [ -f "$ODOO_SRC/odoo/release.py" ]; then
    grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" \
      || die "$ODOO_SRC holds an Odoo that is not 18.0; point ODOO_SRC at an Odoo 18.0 tree"
    return 0
  fi
  log "Odoo source not found at $ODOO_SRC: cloning odoo/odoo $ODOO_BRANCH (depth 1)"
  if ! as_root git clone --depth 1 --branch "$ODOO_BRANCH" https://github.com/odoo/odoo.git "$ODOO_SRC"; then
    die "could not clone Odoo $ODOO_BRANCH into $ODOO_SRC.
  Provide the source yourself, then run this again:
    - extract an Odoo 18.0 Community tree so that $ODOO_SRC/odoo-bin exists, or
    - set ODOO_SRC=/path/to/odoo-18.0"
  fi
}

VENV=""
ensure_venv() {
  # The venv lives outside git, keyed on the requirements, so a change of them builds a new one.
  local key
  key=$(cat "$ODOO_SRC/requirements.txt" "$REPO_DIR/requirements.txt" | sha1sum | cut -c1-12)
  VENV="$JIANXI_CACHE/venv-$key"
  if [ -f "$VENV/.complete" ]; then return 0; fi
  log "building the virtualenv $VENV (once)"
  rm -rf "$VENV"
  mkdir -p "$JIANXI_CACHE"
  python3 -m venv "$VENV"
  # (This machine's pip configuration names local mirrors that may be absent: drop that noise.)
  "$VENV/bin/pip" install -q --upgrade 'pip>=25.3' 2> >(grep -v "is neither a file nor a directory" >&2)
  # cbor2 1.4.x does not build with setuptools>=75
  printf 'setuptools<75\n' > "$JIANXI_CACHE/build-constraints.txt"
  "$VENV/bin/pip" install -q --build-constraint "$JIANXI_CACHE/build-constraints.txt" \
    -r "$ODOO_SRC/requirements.txt" -r "$REPO_DIR/requirements.txt" \
    2> >(grep -v "is neither a file nor a directory" >&2)
  touch "$VENV/.complete"
}

# The lint tools (requirements-lint.txt) in a virtualenv of their own, keyed on that file.
LINT_VENV=""
ensure_lint_venv() {
  local key
  key=$(sha1sum < "$REPO_DIR/requirements-lint.txt" | cut -c1-12)
  LINT_VENV="$JIANXI_CACHE/lint-venv-$key"
  if [ -f "$LINT_VENV/.complete" ]; then return 0; fi
  log "building the lint virtualenv $LINT_VENV (once)"
  rm -rf "$LINT_VENV"
  mkdir -p "$JIANXI_CACHE"
  python3 -m venv "$LINT_VENV"
  "$LINT_VENV/bin/pip" install -q --upgrade 'pip>=25.3' 2> >(grep -v "is neither a file nor a directory" >&2)
  "$LINT_VENV/bin/pip" install -q -r "$REPO_DIR/requirements-lint.txt" \
    2> >(grep -v "is neither a file nor a directory" >&2)
  touch "$LINT_VENV/.complete"
}

# prettier and @prettier/plugin-xml for the pre-commit hook, installed once with `npm ci` from
# scripts/prettier/package-lock.json into the cache folder, keyed on the lock file.
PRETTIER_DIR=""
ensure_prettier() {
  local key
  key=$(sha1sum < "$REPO_DIR/scripts/prettier/package-lock.json" | cut -c1-12)
  PRETTIER_DIR="$JIANXI_CACHE/prettier-$key"
  export JIANXI_PRETTIER_DIR=$PRETTIER_DIR
  if [ -f "$PRETTIER_DIR/.complete" ]; then return 0; fi
  command -v npm >/dev/null || die "npm is missing: install Debian's nodejs and npm"
  log "installing prettier and its XML plugin into $PRETTIER_DIR (once)"
  rm -rf "$PRETTIER_DIR"
  mkdir -p "$PRETTIER_DIR"
  cp "$REPO_DIR/scripts/prettier/package.json" "$REPO_DIR/scripts/prettier/package-lock.json" "$PRETTIER_DIR/"
  (cd "$PRETTIER_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  touch "$PRETTIER_DIR/.complete"
}

# The Odoo configuration for this checkout. Generated, never committed.
ODOO_CONF=""
write_odoo_conf() {
  ODOO_CONF="$JIANXI_CACHE/odoo-$(printf '%s' "$REPO_DIR" | sha1sum | cut -c1-8).conf"
  mkdir -p "$JIANXI_CACHE/data"
  cat > "$ODOO_CONF" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$REPO_DIR
data_dir = $JIANXI_CACHE/data
db_user = $DB_USER
db_host = False
db_port = False
admin_passwd = admin
list_db = False
without_demo = False
CONF
}

odoo_bin() { PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"; }
# An odoo-bin subcommand (shell, neutralize...): the subcommand must come before the options.
odoo_cmd() { local cmd=$1; shift; PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$cmd" -c "$ODOO_CONF" "$@"; }

# The backup settings (scripts/backup.sh, scripts/restore.sh; docs/backup.md): the environment, and the
# file JIANXI_BACKUP_CONFIG (default /etc/jianxi/backup.env, KEY=value lines) when it exists.
load_backup_config() {
  local file=${JIANXI_BACKUP_CONFIG:-/etc/jianxi/backup.env}
  [ -f "$file" ] || return 0
  set -a
  # shellcheck disable=SC1090
  source "$file"
  set +a
}

setup_all() {
  ensure_system_packages
  ensure_postgres
  ensure_odoo_source
  ensure_venv
  write_odoo_conf
}
