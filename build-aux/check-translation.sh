#!/bin/sh
# build-aux/check-translation.sh BUILDDIR: the Dutch translation is complete — every message of
# the current sources (the template made afresh from po/POTFILES.in) has a Dutch translation
# that is not fuzzy, msgfmt --check accepts the file, and no entry is left for a message the
# sources no longer have.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/.."
build=${1:-_build}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ninja -C "$build" wijkindeling-pot >/dev/null || { echo "could not make the template"; exit 1; }
stats=$(msgfmt --check --statistics -o /dev/null po/nl.po 2>&1) || { echo "$stats"; exit 1; }
echo "po/nl.po: $stats"
# msgcmp lists the template's messages that nl.po lacks or leaves untranslated
if ! msgcmp po/nl.po po/wijkindeling.pot 2>"$tmp/missing"; then
  head -40 "$tmp/missing"
  echo "po/nl.po lacks translations: run 'ninja -C $build wijkindeling-update-po' and translate"
  exit 1
fi
# and it keeps no entries for messages the sources no longer have
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" po/nl.po po/wijkindeling.pot || exit 1
if grep -q '^#~ msgid' "$tmp/merged.po"; then
  grep -A2 '^#~ msgid' "$tmp/merged.po" | head -20
  echo "po/nl.po keeps translations of messages no longer in the sources: remove them"
  exit 1
fi
case "$stats" in
  *fuzzy*|*untranslated*) echo "po/nl.po has fuzzy or untranslated messages"; exit 1 ;;
esac
echo "Translation: ok"
