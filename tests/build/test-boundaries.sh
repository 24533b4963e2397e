#!/bin/sh
# tests/build/test-boundaries.sh: build-aux/check-boundaries.sh passes on this tree, and fails,
# naming the file and the line, on a copy of app/ with an upward include planted in each lower
# layer (data → plan, base → project, plan → check) and a GTK include planted in the core.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
script="$src/build-aux/check-boundaries.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$script" "$src" >/dev/null || { echo "not ok: the tree itself fails the check"; fail=1; }

plant () {   # plant FILE LINE EXPECTED: copy app/, add LINE to FILE, expect EXPECTED in output
  rm -rf "$tmp/tree"; mkdir -p "$tmp/tree"
  cp -r "$src/app" "$tmp/tree/app"
  printf '%s\n' "$2" >> "$tmp/tree/$1"
  out=$("$script" "$tmp/tree" 2>&1); rc=$?
  if [ $rc -eq 0 ]; then
    echo "not ok: planted '$2' in $1 was not caught"; fail=1
  elif ! printf '%s' "$out" | grep -qF "$3"; then
    echo "not ok: planted '$2' in $1: output lacks '$3':"; echo "$out"; fail=1
  else
    echo "ok: $1 ← $2"
  fi
}

plant app/core/data/wk-loader.c '#include "wk-plan.h"' "app/core/data/wk-loader.c:"
plant app/core/base/wk-progress.c '#include "wk-project.h"' "app/core/base/wk-progress.c:"
plant app/core/plan/wk-plan.c '#include "wk-checker.h"' "a layer above it"
plant app/core/check/criteria/wk-criterion-population.c '#include "wk-export.h"' \
  "app/core/check/criteria/wk-criterion-population.c:"
plant app/core/plan/wk-area.h '#include <gtk/gtk.h>' "must not include GTK"

# Downward includes stay allowed.
rm -rf "$tmp/tree"; mkdir -p "$tmp/tree"; cp -r "$src/app" "$tmp/tree/app"
echo '#include "wk-dataset.h"' >> "$tmp/tree/app/core/project/wk-export.c"
"$script" "$tmp/tree" >/dev/null || { echo "not ok: a downward include was refused"; fail=1; }

exit $fail
