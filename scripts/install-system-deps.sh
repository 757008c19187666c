#!/usr/bin/env bash
# Debian packages the app and its tests need: Qt's runtime libraries, CJK fonts
# (so Chinese renders in screenshots and offscreen tests), Xvfb for screenshots.
set -euo pipefail
wanted=(libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
        fonts-noto-cjk xvfb)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: please install: ${missing[*]}" >&2
  exit 0
fi
echo "install-system-deps: installing ${missing[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
