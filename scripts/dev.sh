#!/usr/bin/env bash
# The two commands of the README, for developers and CI alike:
#   bash scripts/dev.sh serve   set up, then preview the site at http://127.0.0.1:8000/
#   bash scripts/dev.sh test    set up, then run every test (browser tests use Debian's chromium)
# Works on a fresh Debian machine with python3; as root it installs the
# Debian packages it needs (python3-venv, chromium) with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=/usr/bin/chromium
APT_UPDATED=no

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "缺少 Debian 软件包：$*。请先运行：sudo apt-get install -y $*" >&2
    return 1
  fi
  if [ "$APT_UPDATED" = no ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update
    APT_UPDATED=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

setup() {
  if [ ! -x .venv/bin/python ]; then
    # Debian ships venv without ensurepip unless python3-venv is installed.
    python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
}

case "${1:-}" in
  serve)
    setup
    exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
    ;;
  test)
    setup
    if [ ! -x "$CHROMIUM" ]; then
      # Without it the browser tests skip (or fail when CI=true).
      apt_install chromium || true
    fi
    exec .venv/bin/python -m pytest -q
    ;;
  *)
    echo "用法：bash scripts/dev.sh serve | test" >&2
    exit 2
    ;;
esac
