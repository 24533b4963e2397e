#!/bin/sh
# build-aux/fuzz.sh: runs one libFuzzer target of tests/fuzz from a -Dfuzzing=true build.
#   build-aux/fuzz.sh TARGET [SECONDS] [libFuzzer options…]
# TARGET is plan-csv, profile, units or project; SECONDS defaults to 600 (-runs=N stops
# earlier; -runs=0 only runs what the corpus holds). WK_FUZZ_BUILD picks the build (default
# _build-fuzz, with ASan; HACKING.md has a faster one without). The working corpus
# grows in _fuzz/TARGET/corpus (kept between runs), seeded from tests/data and data/sample;
# crashes land in _fuzz/TARGET/ as crash-…; the log (fuzz-0.log) ends with libFuzzer's final
# stats. Keep a crasher as a case of tests/data/bad (NAME-fuzz-WHAT.EXT, in MANIFEST.ini):
# the suite fuzz and the bad-input test then run it in every build.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

target=${1:?usage: build-aux/fuzz.sh plan-csv|profile|units|project [SECONDS] [OPTIONS…]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
build=${WK_FUZZ_BUILD:-_build-fuzz}
exe=$build/tests/fuzz/fuzz-$target
if [ ! -x "$exe" ]; then
  echo "No $exe: CC=clang meson setup $build -Dfuzzing=true -Dgui=false \\"
  echo "  -Db_sanitize=address,undefined -Db_lundef=false && ninja -C $build"
  exit 2
fi

work=_fuzz/$target
# a real project, small: GeoPackage pages of 1 KiB instead of 4
make_project () {
  out=$1; shift
  [ -f "$out" ] || OGR_SQLITE_PRAGMA=page_size=1024 ASAN_OPTIONS=detect_leaks=0 \
    "$build/app/cli/wijkindeling-cli" new -q "$@" -o "$out"
}
mkdir -p "$work/corpus" "$work/seeds"
# the same seeds as tests/fuzz/meson.build
copy () { pattern=$1; shift; for d in "$@"; do find "$d" -maxdepth 1 -type f -name "$pattern" \
            -exec cp {} "$work/seeds/" \; ; done; }
case $target in
  plan-csv) copy 'plan*' tests/data/bad tests/data/bad/base data/sample ;;
  profile)  copy '*.ini' tests/data/bad data ;;
  units)    copy 'units*' tests/data/bad tests/data/bad/base; copy '*.geojson' data/sample
            # GDAL's time grows with the input: up to 16 KB (the 4 KB grid whole, the sample's
            # 75 KB units cut, as truncated GeoJSON); a later -max_len wins
            set -- -max_len=16384 "$@" ;;
  project)  copy '*.gpkg' tests/data/bad
            make_project "$work/seeds/small.wijk.gpkg" \
              --units tests/data/bad/base/units.geojson --plan tests/data/bad/base/plan.csv
            make_project "$work/seeds/providers-networks.wijk.gpkg" \
              --units tests/data/bad/base/units.geojson --plan tests/data/bad/base/plan.csv \
              --gp data/sample/gp.csv --networks data/sample/networks.geojson \
              --boundary data/sample/boundary.geojson --profile data/profile-default.ini
            # a recovery copy, as the app leaves one, of a process that is gone
            if [ ! -f "$work/seeds/recovery.wijk.gpkg" ]; then
              cp "$work/seeds/small.wijk.gpkg" "$work/seeds/recovery.wijk.gpkg"
              ogrinfo -q "$work/seeds/recovery.wijk.gpkg" -sql "INSERT INTO wk_metadata (key, value) \
                VALUES ('recovery', '1'), ('recovery_for', '/home/planner/Utrecht.wijk.gpkg'), \
                ('recovery_pid', '999999999')" >/dev/null
            fi
            # the largest seed; libFuzzer would cut longer ones
            set -- -max_len=131072 -dict=../../tests/fuzz/project.dict "$@" ;;
  *) echo "unknown target $target"; exit 2 ;;
esac

# Short allocation stacks: with the default 30 frames, unwinding through the libraries gives ever
# new stacks, and ASan's stack depot slows every malloc down as it fills (a GDAL target went from
# 136 to 18 inputs a second in 15 minutes, 70 % of it in the depot). Detection is the same;
# replay a crash without this for full allocation stacks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1:malloc_context_size=5}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# the libraries' own leaks, as in build-aux/test.sh (each justified there)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/build-aux/lsan.supp:print_suppressions=0}
export LC_ALL=C.UTF-8 LANGUAGE=en
# the targets write each input to a file: in memory where there is a tmpfs
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
cd "$work"
exec "../../$exe" -max_total_time="$seconds" -jobs=1 -workers=1 -print_final_stats=1 \
  -timeout=30 -rss_limit_mb=4096 -artifact_prefix=./ "$@" corpus seeds
