#!/bin/sh
# build-aux/check-boundaries.sh [ROOT]: the module boundaries of the tree at ROOT (default: this
# checkout).
# - app/core includes no GTK, libadwaita or libshumate header;
# - inside app/core the layers include downwards only: base ← data ← plan ← check ← project
#   (check/criteria and check/search belong to check). A header of a higher layer included from
#   a lower one is an error, named with the file and the line;
# - the front-ends (gui, cli, report, main.c) include no GEOS, GDAL or core-private header.
# tests/cli/test-boundaries plants an upward include in a copy of the tree and expects a failure.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
root=${1:-"$(dirname "$0")/.."}
cd "$root" || exit 2
status=0

hits=$(grep -rlE '#include *[<"](gtk|adwaita|shumate|gdk)' app/core 2>/dev/null)
if [ -n "$hits" ]; then
  echo "app/core must not include GTK, libadwaita or libshumate:"; echo "$hits"; status=1
fi

# the core's private headers by name (a front-end may have private headers of its own)
core_private=$(find app/core -name '*-private.h' -printf '%f\n' | sed 's/\./\\./g' | paste -sd'|' -)
hits=$(grep -rlE "#include *[<\"](geos_c\\.h|gdal\\.h|ogr_[a-z_]*\\.h|cpl_[a-z_]*\\.h|gdal_[a-z_]*\\.h|${core_private:-none})" \
       app/gui app/cli app/main.c app/report 2>/dev/null)
if [ -n "$hits" ]; then
  echo "Front-ends must not include GEOS, GDAL or core-private headers:"; echo "$hits"; status=1
fi

# The layer of a path below app/core: its first folder's rank, or nothing outside the layers.
rank () {
  case "$1" in
    app/core/base/*) echo 0 ;;
    app/core/data/*) echo 1 ;;
    app/core/plan/*) echo 2 ;;
    app/core/check/*) echo 3 ;;
    app/core/project/*) echo 4 ;;
  esac
}

# Every header of the layers, by its name (names are unique across app/core).
headers=$(find app/core -mindepth 2 -name '*.h' | sort)
upward=$(
  for f in $(find app/core -mindepth 2 \( -name '*.c' -o -name '*.h' \) | sort); do
    from=$(rank "$f")
    [ -n "$from" ] || continue
    grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]+"' "$f" |
    while IFS= read -r hit; do
      line=${hit%%:*}
      name=$(printf '%s\n' "$hit" | sed -E 's/.*"([^"]+)".*/\1/')
      base=$(basename "$name")
      target=$(printf '%s\n' "$headers" | grep -E "/$base\$" | head -n 1)
      [ -n "$target" ] || continue
      to=$(rank "$target")
      [ -n "$to" ] || continue
      if [ "$to" -gt "$from" ]; then
        echo "$f:$line: includes $target, a layer above it"
      fi
    done
  done
)
if [ -n "$upward" ]; then
  echo "Inside app/core, includes point down only (base ← data ← plan ← check ← project):"
  echo "$upward"; status=1
fi

[ $status -eq 0 ] && echo "boundaries: ok"
exit $status
