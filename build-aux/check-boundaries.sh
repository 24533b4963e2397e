#!/bin/sh
# build-aux/check-boundaries.sh: app/core includes no GTK, libadwaita or libshumate header;
# the front-ends include no GEOS or GDAL header.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/.."
status=0
hits=$(grep -rlE '#include *[<"](gtk|adwaita|shumate|gdk)' app/core 2>/dev/null)
if [ -n "$hits" ]; then
  echo "app/core must not include GTK, libadwaita or libshumate:"; echo "$hits"; status=1
fi
hits=$(grep -rlE '#include *[<"](geos_c\.h|gdal\.h|ogr_[a-z_]*\.h|cpl_[a-z_]*\.h|gdal_[a-z_]*\.h|wk-[a-z-]*-private\.h)' \
       app/gui app/cli app/main.c app/report 2>/dev/null)
if [ -n "$hits" ]; then
  echo "Front-ends must not include GEOS, GDAL or core-private headers:"; echo "$hits"; status=1
fi
[ $status -eq 0 ] && echo "boundaries: ok"
exit $status
