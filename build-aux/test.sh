#!/bin/sh
# build-aux/test.sh: the test command of the README and of CI. Installs what is missing,
# builds with -Werror, checks the module boundaries and the translation files, runs the core,
# CLI and fuzz suites, the GUI suite under Xvfb, then those suites again in a build with
# AddressSanitizer and UBSan. Ends with the line "N passed, N failed".
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/.."

build-aux/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

failed_steps=0
step () {
  echo "==> $*"
  "$@" || { echo "FAILED: $*"; failed_steps=$((failed_steps + 1)); }
}

count () {
  # meson's per-test results of the last run in a build dir
  python3 - "$1" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    for line in open(sys.argv[1] + "/meson-logs/testlog.json"):
        if not line.strip():
            continue
        try:
            r = json.loads(line).get("result")
        except ValueError:
            r = None            # a line that is not JSON counts as a failure, never a crash
        if r in ("OK", "EXPECTEDFAIL"): passed += 1
        elif r == "SKIP": skipped += 1
        else: failed += 1
except FileNotFoundError:
    failed += 1
print(passed, failed, skipped)
PY
}

total_pass=0; total_fail=0; total_skip=0
add_counts () {
  set -- $(count "$1")
  total_pass=$((total_pass + $1)); total_fail=$((total_fail + $2)); total_skip=$((total_skip + $3))
}

# 1. the normal build, warnings are errors
if [ ! -f _build-ci/build.ninja ]; then
  step meson setup _build-ci -Dwerror=true
fi
step meson compile -C _build-ci
step build-aux/check-boundaries.sh
step build-aux/check-potfiles.sh
step build-aux/check-translation.sh _build-ci

# 2. core and CLI (and data validation) suites
meson test -C _build-ci --no-suite gui --no-suite bench --print-errorlogs --num-processes 2
add_counts _build-ci

# 3. the GUI suite in a virtual X server
if meson test -C _build-ci --list 2>/dev/null | grep -q '^wijkindeling:gui'; then
  GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
    xvfb-run -a -s "-screen 0 1600x1000x24" \
    meson test -C _build-ci --suite gui --print-errorlogs --num-processes 1
  add_counts _build-ci
fi

# 4. AddressSanitizer + UBSan over the core and CLI suites
if [ "${WK_SKIP_SANITIZERS:-0}" != 1 ]; then
  if [ ! -f _build-asan/build.ninja ]; then
    step meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false \
      -Dgui=false -Dbuildtype=debug
  fi
  step meson compile -C _build-asan
  # Full stacks (fast_unwind_on_malloc=0) let lsan.supp match GLib's deliberate leak in the
  # test programs' isolated dirs, but make every malloc ~30× slower; wijkindeling-cli, run by
  # the tests, needs no suppression and gets the fast unwinder (tests/wk-test-util.c).
  WK_CLI_ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1:fast_unwind_on_malloc=0 \
  LSAN_OPTIONS=suppressions=$(pwd)/build-aux/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C _build-asan --no-suite gui --no-suite bench --print-errorlogs \
      --num-processes 2 --timeout-multiplier 4
  add_counts _build-asan
fi

total_fail=$((total_fail + failed_steps))
[ "$total_skip" -gt 0 ] && echo "($total_skip skipped)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
