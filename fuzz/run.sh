#!/usr/bin/env bash
# Runs every fixfind fuzz target, one after the other, for SECONDS seconds each.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      e.g. fuzz/run.sh 300   or   fuzz/run.sh 60 parse
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a nightly toolchain. One
# fuzzer process at a time, niced, so it shares a busy machine. (No -jobs/-workers: a
# plain libFuzzer run is already one process; `-jobs=1 -workers=1` would fork one child
# that logs to ./fuzz-0.log instead, hiding the final stats.)
# The committed seeds in fuzz/seeds/<target>/ are copied into the working corpus
# fuzz/corpus/<target>/ (not committed); the real bundle index/fixfind.bundle, when
# present, seeds the raw bundle target. Crashes land in fuzz/artifacts/<target>/.
# Logs go to fuzz/logs/<target>.log; a summary of executions per target is printed.
set -euo pipefail

cd "$(dirname "$0")/.."   # the repository root; cargo fuzz finds fuzz/ from here
SECONDS_PER_TARGET="${1:-300}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(search parse bundle bundle_mutate)
TOOLCHAIN="${FUZZ_TOOLCHAIN:-+nightly}"

max_len() {
    case "$1" in
        search) echo 16384 ;;
        parse) echo 65536 ;;
        bundle | bundle_mutate) echo 1048576 ;;
        *) echo 4096 ;;
    esac
}

nice -n 10 cargo "$TOOLCHAIN" fuzz build -O

mkdir -p fuzz/logs
declare -A EXECS
status=0
for target in "${TARGETS[@]}"; do
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    cp -n "fuzz/seeds/$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
    if [ "$target" = bundle ] && [ -f index/fixfind.bundle ]; then
        cp -n index/fixfind.bundle "fuzz/corpus/$target/real.bundle"
    fi
    echo "== $target: ${SECONDS_PER_TARGET}s, -max_len=$(max_len "$target")"
    set +e
    nice -n 10 cargo "$TOOLCHAIN" fuzz run -O "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$target")" \
        -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$target/" \
        >"fuzz/logs/$target.log" 2>&1
    rc=$?
    set -e
    # libFuzzer's own count: `stat::number_of_executed_units`, else the `#N DONE` line.
    n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/logs/$target.log" | tail -1 | grep -o '[0-9]*$' || true)
    [ -z "$n" ] && n=$(grep -oE '^#[0-9]+[[:space:]]+DONE' "fuzz/logs/$target.log" | tail -1 | grep -oE '[0-9]+' || true)
    EXECS[$target]="${n:-?}"
    if [ $rc -ne 0 ]; then
        status=1
        echo "   CRASH (exit $rc) — see fuzz/logs/$target.log and fuzz/artifacts/$target/"
        grep -E 'panicked at|Test unit written' "fuzz/logs/$target.log" | head -5 | sed 's/^/   /'
    fi
    echo "   executions: ${EXECS[$target]}"
done

echo
echo "target          executions"
total=0
for target in "${TARGETS[@]}"; do
    printf '%-15s %s\n' "$target" "${EXECS[$target]}"
    [[ "${EXECS[$target]}" =~ ^[0-9]+$ ]] && total=$((total + EXECS[$target]))
done
printf '%-15s %s\n' total "$total"
exit $status
