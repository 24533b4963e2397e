#!/bin/sh
# build-aux/install-deps.sh: installs the Debian 12 packages Wijkindeling needs to build, run
# and test. Does nothing when they are all there; uses sudo when not run as root.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

PACKAGES="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsoup-3.0-dev libsecret-1-dev
  libgdal-dev gdal-bin libgeos-dev
  libgtk-4-dev libadwaita-1-dev libshumate-dev
  libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream libxml2-utils xvfb xauth dbus-x11
  adwaita-icon-theme librsvg2-common fonts-cantarell
  poppler-utils
"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
