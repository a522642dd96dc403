#!/bin/sh
# fuzz/run.sh [SECONDS] - build the libFuzzer harnesses with clang (ASan,
# UBSan), replay the regression inputs in fuzz/regress/, then fuzz each
# harness for SECONDS (default 60) from a corpus seeded with the samples and
# test cases.  Exits non-zero on any finding; a finding is left in
# fuzz/out/<harness>/ (crash-*, timeout-*, oom-*) to be added to fuzz/regress/.
set -eu
secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
out=$here/out
mkdir -p "$out"
CC=${CC:-clang}
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
inc="-I$top/src -I$out $(pkg-config --cflags libxml-2.0 jansson nettle)"
libs="$(pkg-config --libs libxml-2.0 jansson nettle) -lcidr"

# config.h and the compiled-in XSD, as the autotools build makes them
printf '#define PACKAGE_VERSION "fuzz"\n' >"$out/config.h"
sh "$top/build-aux/embed.sh" netcfg_xsd "$top/xsd/netcfg.xsd" >"$out/xsd_data.c"
srcs=$(ls "$top"/src/*.c | grep -v -e '/main\.c$' -e '/xsd_data\.c$')

for h in netcfg sidefile; do
	echo "building fuzz_$h"
	# shellcheck disable=SC2086
	$CC $cflags $inc -o "$out/fuzz_$h" "$here/fuzz_$h.c" $srcs "$out/xsd_data.c" $libs
done

# seed corpora
mkdir -p "$out/corpus-netcfg" "$out/corpus-sidefile"
find "$top/samples" "$top/tests/cases" -name '*.xml' -exec cp {} "$out/corpus-netcfg/" \; 2>/dev/null || true
for x in "$top"/samples/*.xml; do
	k=${x%.xml}.keys.ps1
	[ -f "$k" ] && { cat "$x"; printf '\n#--keys--\n'; cat "$k"; } >"$out/corpus-netcfg/with-keys-$(basename "$x")"
done
find "$top/samples" "$top/tests/cases" -name '*.ps1' -exec cp {} "$out/corpus-sidefile/" \; 2>/dev/null || true

status=0
for h in netcfg sidefile; do
	if ls "$here/regress/$h/"* >/dev/null 2>&1; then
		echo "replaying fuzz/regress/$h"
		"$out/fuzz_$h" -rss_limit_mb=2048 -timeout=20 "$here/regress/$h/"* || status=1
	fi
	echo "fuzzing fuzz_$h for ${secs}s"
	mkdir -p "$out/$h"
	# the dictionaries help the harnesses reach deeper
	dict="-dict=$here/$h.dict"
	"$out/fuzz_$h" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -max_len=65536 \
	    -print_final_stats=1 -artifact_prefix="$out/$h/" $dict "$out/corpus-$h" \
	    >"$out/$h.log" 2>&1 || { status=1; tail -n 40 "$out/$h.log"; }
	grep -E '^(stat::number_of_executed_units|#[0-9]+.*DONE)' "$out/$h.log" || true
done
exit $status
