#!/usr/bin/env bash
# Debian packages MetSkin needs: the MySQL client headers to build mysqlclient, and (with
# --browser) Chromium for the browser tests. Installs only what is missing.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null || missing+=(pkg-config)
pkg-config --exists mysqlclient 2>/dev/null || missing+=(default-libmysqlclient-dev)
if [[ "${1:-}" == "--browser" ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
