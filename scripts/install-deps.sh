#!/usr/bin/env bash
# Installs what Guanxi needs to build, run and test, and nothing already there.
# Safe to run again: apt runs only when a package is missing, npm ci only when
# a package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libssl-dev libicu-dev libgtest-dev
  libopencc-dev libopencc-data libxlsxwriter-dev
  python3-openpyxl python3-vobject
  postgresql postgresql-contrib postgresql-client
  nodejs npm
  wrk chromium fonts-noto-cjk clang-format curl ca-certificates
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  # nodejs/npm may come from outside Debian (a newer node already on PATH).
  if [[ $pkg == nodejs && -x "$(command -v node)" ]]; then continue; fi
  if [[ $pkg == npm && -x "$(command -v npm)" ]]; then continue; fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci for each JavaScript package of the project, when its lock file changed.
# scripts/data holds the npm packages the C++ build extracts search and region data from.
for dir in web tests/e2e scripts/data; do
  [[ -f $dir/package-lock.json ]] || continue
  stamp="$dir/node_modules/.guanxi-lock-sha"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "install-deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
done
