#!/usr/bin/env bash
# Installs the Debian packages the portal needs, only those missing. Idempotent.
#   gettext          msgfmt for the Vietnamese catalogue
#   python3-venv     virtual environments on a stock Debian 12
#   libpango …       WeasyPrint's text layout (PDF reports)
#   fonts-liberation2 Times-metric fonts with full Vietnamese coverage
# With "--browser" it also installs Debian's chromium for the browser tests.
set -euo pipefail

packages=(gettext python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null; then
  SUDO=(sudo)
else
  echo "Missing system packages: ${missing[*]} — install them as root (apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
