#!/bin/sh
# build-aux/run.sh: installs what is missing, builds, and opens Wijkindeling on its built-in
# sample (data/sample). Extra arguments go to the program.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

if [ -x _build/app/gui/wijkindeling ]; then
  exec meson devenv -C _build wijkindeling --sample "$@"
else
  # without the GTK app: the check of the sample on the command line
  exec _build/app/cli/wijkindeling-cli check \
    --units data/sample/units.geojson --plan data/sample/plan.csv \
    --gp data/sample/gp.csv --pharmacy data/sample/pharmacy.csv \
    --nursing data/sample/nursing.csv --social data/sample/social.csv \
    --networks data/sample/networks.geojson --boundary data/sample/boundary.geojson "$@"
fi
