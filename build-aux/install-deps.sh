#!/bin/sh
# build-aux/install-deps.sh: installs the Debian 12 packages Wijkindeling needs to build, run
# and test, and generates the nl_NL.UTF-8 and en_US.UTF-8 locales the number-format tests use.
# Does nothing when all is there; uses sudo when not run as root.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

PACKAGES="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsoup-3.0-dev libsecret-1-dev
  libgdal-dev gdal-bin libgeos-dev
  libgtk-4-dev libadwaita-1-dev libshumate-dev
  libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream libxml2-utils xvfb xauth dbus-x11 dbus-daemon gnome-keyring
  adwaita-icon-theme librsvg2-common fonts-cantarell
  poppler-utils locales
  libpq-dev postgresql-15 postgresql-15-postgis-3 postgis
"
LOCALES="nl_NL.UTF-8 en_US.UTF-8"

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# locale -a spells them nl_NL.utf8; compare without case and dash.
have_locale () {
  locale -a 2>/dev/null | tr -d '-' | grep -qixF "$(echo "$1" | tr -d '-')"
}

generate_locales () {
  gen=""
  for l in $LOCALES; do
    have_locale "$l" || gen="$gen $l"
  done
  [ -z "$gen" ] && return 0
  echo "Generating locales:$gen"
  for l in $gen; do
    $SUDO sed -i "s/^# *\($l UTF-8\)/\1/" /etc/locale.gen
  done
  $SUDO locale-gen >/dev/null
}

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
generate_locales
