#!/usr/bin/env bash
# The commands of the README, for developers and CI alike:
#   bash scripts/dev.sh serve   set up, then preview the site at http://127.0.0.1:8000/
#   bash scripts/dev.sh test    set up, then run every test (browser tests use Debian's chromium)
#   bash scripts/dev.sh offline [out.zip]
#                               set up, then zip the site for opening from a folder (file://),
#                               by default to dist/shuzhi-offline.zip (mkdocs.offline.yml)
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
  offline)
    setup
    out="${2:-dist/shuzhi-offline.zip}"
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    # One top folder in the zip, so unpacking never scatters files.
    .venv/bin/mkdocs build --strict --config-file mkdocs.offline.yml --site-dir "$work/shuzhi-offline"
    .venv/bin/python -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2], "shuzhi-offline")' \
      "$work/shuzhi-offline" "$work"
    mkdir -p "$(dirname "$out")"
    mv "$work/shuzhi-offline.zip" "$out"
    echo "已生成 $out：解压后用浏览器打开 shuzhi-offline 文件夹里的 index.html，就能浏览和搜索，不需要联网。"
    ;;
  *)
    echo "用法：bash scripts/dev.sh serve | test | offline [zip 文件路径，相对于仓库目录]" >&2
    exit 2
    ;;
esac
