#!/bin/sh
# tests/build/test-private.sh: build-aux/check-private.sh passes on this tree, and fails, naming
# the function and its header, on a copy in which a public core header declares a function that
# only the core calls; a function that a front-end calls stays allowed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$src/build-aux/check-private.sh" "$src" >/dev/null ||
  { echo "not ok: the tree itself fails the check:"; "$src/build-aux/check-private.sh" "$src"; fail=1; }

copy () {
  rm -rf "$tmp/tree"; mkdir -p "$tmp/tree/build-aux"
  cp -r "$src/app" "$src/tests" "$tmp/tree/"
  cp "$src/build-aux/check-private.sh" "$src/build-aux/check-private.exceptions" "$tmp/tree/build-aux/"
}

# A function declared in wk-plan.h and called only inside app/core.
copy
sed -i 's/^G_END_DECLS$/guint wk_plan_planted_helper (WkPlan *self);\nG_END_DECLS/' \
  "$tmp/tree/app/core/plan/wk-plan.h"
echo 'static void planted (WkPlan *p) { wk_plan_planted_helper (p); }' >> "$tmp/tree/app/core/plan/wk-plan.c"
out=$("$tmp/tree/build-aux/check-private.sh" "$tmp/tree" 2>&1); rc=$?
if [ $rc -eq 0 ]; then
  echo "not ok: a public function only the core uses was not caught"; fail=1
elif ! printf '%s' "$out" | grep -qF "app/core/plan/wk-plan.h: wk_plan_planted_helper"; then
  echo "not ok: the output does not name the function and its header:"; echo "$out"; fail=1
else
  echo "ok: wk_plan_planted_helper in wk-plan.h is reported"
fi

# The same function, once the CLI calls it, passes.
echo 'void cli_planted (WkPlan *p); void cli_planted (WkPlan *p) { wk_plan_planted_helper (p); }' \
  >> "$tmp/tree/app/cli/wk-cli-info.c"
if ! "$tmp/tree/build-aux/check-private.sh" "$tmp/tree" >/dev/null; then
  echo "not ok: a function the CLI calls was reported"; fail=1
else
  echo "ok: a function the CLI calls stays public"
fi
exit $fail
