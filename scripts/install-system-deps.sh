#!/usr/bin/env bash
# Debian packages the app and its tests need.
#   bash scripts/install-system-deps.sh         # app + tests: Qt's libraries, CJK fonts, Xvfb
#   bash scripts/install-system-deps.sh --app   # what the app needs to open its window
# Installs what is missing as root, or through sudo when it needs no password;
# otherwise names the packages (and, with --app, exits 1: the window cannot open without them).
set -euo pipefail
app=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
     libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
     libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-noto-cjk)
wanted=("${app[@]}")
[ "${1:-}" = "--app" ] || wanted+=(xvfb)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian/Ubuntu system; Qt needs the xcb libraries and a CJK font" \
       "(Debian names: ${wanted[*]})" >&2
  exit 0
fi
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-system-deps: 缺少系统软件包, 请以管理员身份安装 (missing system packages; as root run):" >&2
  echo "  apt-get install ${missing[*]}" >&2
  [ "${1:-}" = "--app" ] && exit 1  # the window cannot open without them
  exit 0  # the tests say what they miss
fi
echo "install-system-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
