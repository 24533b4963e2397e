#!/bin/sh
# build-aux/check-potfiles.sh: every source file with translatable strings is listed in
# po/POTFILES.in, and every listed file exists.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/.."
status=0
for f in $(grep -rlE '_\(|N_\(|translatable="yes"|C_\(' app resources data 2>/dev/null \
           | grep -E '\.(c|ui|in|xml)$' | sort); do
  grep -qxF "$f" po/POTFILES.in || { echo "missing from po/POTFILES.in: $f"; status=1; }
done
for f in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but missing: $f"; status=1; }
done
[ $status -eq 0 ] && echo "POTFILES: ok"
exit $status
