# shellcheck shell=bash
# Shared by scripts/demo and scripts/test: source it, do not run it.
#
# Every step checks before it acts, so on a prepared machine the whole setup takes seconds:
# apt only runs for packages dpkg says are missing, pip only when requirements.txt changed,
# npm only when package-lock.json changed.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV_DIR="$ROOT_DIR/.venv"
PYTHON="$VENV_DIR/bin/python"

# Debian packages both commands need: Python with headers and a compiler (for any wheel pip
# has to build), WeasyPrint's libraries as its docs list them for Debian, and fonts for PDFs.
# shellcheck disable=SC2034  # used by the scripts that source this file
BASE_PACKAGES=(
    python3-venv python3-dev build-essential
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
    fonts-dejavu-core fonts-liberation
)
# Extra for the test suite: the browser Playwright drives and the services the tests use.
# shellcheck disable=SC2034
TEST_PACKAGES=(chromium postgresql redis-server poppler-utils)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "this step needs root (or sudo): $*"
    fi
}

is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

_apt_updated=""
# apt_ensure PACKAGE...: install whichever of the packages are missing.
apt_ensure() {
    local missing=() pkg
    for pkg in "$@"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    log "Installing Debian packages: ${missing[*]}"
    if [ -z "$_apt_updated" ]; then
        as_root apt-get update -qq
        _apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

# Node and npm only ship the Bootstrap assets. Any node on PATH will do (NodeSource's nodejs
# package bundles npm and conflicts with Debian's npm package, so check commands, not packages).
ensure_node() {
    if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        return 0
    fi
    apt_ensure nodejs npm
}

_sha256() { sha256sum "$1" | cut -d' ' -f1; }

# ensure_venv: create .venv if missing (or broken) and install requirements.txt into it.
ensure_venv() {
    if ! "$PYTHON" -c "" >/dev/null 2>&1; then
        log "Creating the virtualenv in .venv"
        rm -rf "$VENV_DIR"
        python3 -m venv "$VENV_DIR"
    fi
    local stamp="$VENV_DIR/.requirements.sha256" want
    want="$(_sha256 "$ROOT_DIR/requirements.txt")"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        log "Installing Python requirements"
        "$PYTHON" -m pip install --quiet --disable-pip-version-check -r "$ROOT_DIR/requirements.txt"
        echo "$want" >"$stamp"
    fi
}

# ensure_assets: node_modules/ exactly as package-lock.json says (Django serves Bootstrap from it).
ensure_assets() {
    ensure_node
    (
        cd "$ROOT_DIR" || exit 1
        if [ ! -f package-lock.json ]; then
            log "Writing package-lock.json (commit it)"
            npm install --no-audit --no-fund --loglevel=error
        fi
        local stamp="node_modules/.package-lock.sha256" want
        want="$(_sha256 package-lock.json)"
        # node_modules installed before this stamp existed: trust it unless the lockfile is newer
        # than npm's own record of the install (npm's rule too), rather than reinstalling under
        # someone's running tests.
        if [ ! -f "$stamp" ] && [ -f node_modules/.package-lock.json ] &&
            [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
            echo "$want" >"$stamp"
        fi
        if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
            log "Installing front-end assets (npm ci)"
            npm ci --no-audit --no-fund --loglevel=error
            echo "$want" >"$stamp"
        fi
    )
}

# wait_for SECONDS DESCRIPTION COMMAND...: retry COMMAND once a second until it succeeds.
wait_for() {
    local seconds="$1" what="$2" i
    shift 2
    for ((i = 0; i < seconds; i++)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 1
    done
    die "$what did not answer within ${seconds}s"
}

_is_loopback() {
    case "$1" in "" | localhost | 127.0.0.1 | ::1 | "[::1]") return 0 ;; *) return 1 ;; esac
}

# _url_part URL host|port: the host or port of a postgres:// or redis:// URL.
_url_part() {
    python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1])
print((p.hostname if sys.argv[2] == "host" else p.port) or "")' "$1" "$2"
}

_pg_version() { find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1; }

# ensure_postgres URL: the server in URL answers; a loopback one is started if it is down.
ensure_postgres() {
    local url="$1" host port version
    host="$(_url_part "$url" host)"
    port="$(_url_part "$url" port)"
    host="${host:-127.0.0.1}" port="${port:-5432}"
    if _is_loopback "$host" && ! pg_isready -q -h "$host" -p "$port"; then
        version="$(_pg_version)"
        [ -n "$version" ] || die "PostgreSQL is installed but has no cluster in /etc/postgresql"
        log "Starting PostgreSQL $version"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
    wait_for 30 "PostgreSQL on $host:$port" pg_isready -h "$host" -p "$port"
    _ensure_database "$url"
}

# Connect as the URL says; create its database if it does not exist yet. A freshly installed
# Debian PostgreSQL asks for a password on 127.0.0.1, so then (loopback only) let the postgres
# user in without one, as the test DATABASE_URL expects.
_ensure_database() {
    local url="$1" status=0 version hba
    "$PYTHON" - "$url" <<'PY' || status=$?
import sys

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

url = sys.argv[1]
try:
    psycopg.connect(url, connect_timeout=10).close()
except psycopg.OperationalError as exc:
    message = str(exc)
    if "password" in message:
        sys.exit(3)
    if "does not exist" not in message:
        sys.exit(f"cannot connect to PostgreSQL: {message}")
    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    print(f"==> Created database {name}", file=sys.stderr)
PY
    [ "$status" -eq 0 ] && return 0
    [ "$status" -eq 3 ] || exit "$status"
    [ -z "${2:-}" ] || die "PostgreSQL still asks user postgres for a password on loopback"
    version="$(_pg_version)"
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! _is_loopback "$(_url_part "$url" host)" || [ ! -f "$hba" ]; then
        die "PostgreSQL refused the password-less login in DATABASE_URL; put the password in the URL"
    fi
    log "Letting user postgres connect over loopback without a password ($hba)"
    as_root sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    sleep 1
    _ensure_database "$url" retried
}

_redis_ping() { [ "$(redis-cli -h "$1" -p "$2" ping 2>/dev/null)" = "PONG" ]; }

# ensure_redis URL: the Redis in URL answers PONG; a loopback one is started if it is down.
ensure_redis() {
    local url="$1" host port
    host="$(_url_part "$url" host)"
    port="$(_url_part "$url" port)"
    host="${host:-127.0.0.1}" port="${port:-6379}"
    if _is_loopback "$host" && ! _redis_ping "$host" "$port"; then
        log "Starting Redis on port $port"
        as_root mkdir -p /var/lib/redis /var/log/redis
        as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" \
            --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    fi
    wait_for 30 "Redis on $host:$port" _redis_ping "$host" "$port"
}
