#!/bin/sh
# build-aux/check-private.sh [SRCDIR]: lists the functions declared in the core's public headers
# (app/core/**/*.h but *-private.h) that no front-end (app/cli, app/gui, app/report, app/bench,
# app/main.c) and no test uses: they belong in the folder's -private.h as _wk_… (issue 13).
# Exits 1 when there are any, naming each with its header; 0 and "private: ok" otherwise.
# The names in build-aux/check-private.exceptions (the ones still to move) pass.
# A function stays public when it is GObject machinery: *_get_type, *_error_quark, and what a
# G_DEFINE_… macro names (a boxed type's copy and free, a g_autoptr cleanup function).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
src=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$src" || exit 2

exceptions="$src/build-aux/check-private.exceptions"
users=$(ls -d app/cli app/gui app/report app/bench app/main.c tests 2>/dev/null)
found=0
for header in $(find app/core -name '*.h' ! -name '*-private.h' | sort); do
  # the names declared as functions: "wk_name (" in a line that is not a #define or a comment
  names=$(grep -v '^ *\(#\|\*\|/\*\)' "$header" |
            grep -o '\bwk_[a-z0-9_]* *(' | sed 's/ *($//' | sort -u)
  for name in $names; do
    case $name in
      *_get_type|*_error_quark) continue ;;
    esac
    if [ -f "$exceptions" ] && grep -q "^$name\b" "$exceptions"; then
      continue
    fi
    # GType machinery: a boxed type's copy and free, a cleanup function (G_DEFINE_… arguments)
    if grep -rqh --include='*.[ch]' "^ *G_DEFINE_[A-Z_]* *(.*\b$name\b" app/core; then
      continue
    fi
    if ! grep -rqw --include='*.c' --include='*.h' --include='*.cpp' "$name" $users; then
      echo "$header: $name: no front-end or test uses it; declare it in the folder's" \
           "-private.h as _$name"
      found=1
    fi
  done
done
if [ $found -eq 0 ]; then
  echo "private: ok"
fi
exit $found
