#!/usr/bin/env bash
# Runs the JMH suite from the repository root's build.
#   benchmarks/run.sh            the full suite: 2 forks, 3 warmup + 5 measured 1 s iterations, -prof gc;
#                                JSON in benchmarks/results/, then RESULTS.md and ratios.svg via report.py
#   benchmarks/run.sh --smoke    one fork, one short iteration of every benchmark: proves the suite runs
#                                (CI); it asserts nothing about time
#   --no-build                   use the jar already in benchmarks/target
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
build=true
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=true ;;
    --no-build) build=false ;;
    *) echo "usage: benchmarks/run.sh [--smoke] [--no-build]" >&2; exit 2 ;;
  esac
done

if $build; then
  mvn -B -q -DskipTests package
fi

jar=benchmarks/target/benchmarks.jar
skip=()
if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "benchmarks: no PostgreSQL on 127.0.0.1:5432: skipping HitVsPostgres, MissCostPostgres, PageWorkload," \
    "RepopulateAfterWrite, BusPublishCost and HitUnderFeed" >&2
  skip+=(HitVsPostgres MissCostPostgres PageWorkload RepopulateAfterWrite BusPublishCost HitUnderFeed)
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "benchmarks: no Redis on 127.0.0.1:6379: skipping BusPublishCost and BusApplyRate" >&2
  skip+=(BusPublishCost BusApplyRate)
fi
excludes=()
if ((${#skip[@]})); then
  excludes=(-e "$(IFS='|'; echo "${skip[*]}")")
fi

if $smoke; then
  java -jar "$jar" -f 1 -wi 0 -i 1 -r 200ms -foe true -jvmArgs "-Xms2g -Xmx2g" \
    -rf json -rff benchmarks/target/jmh-smoke.json "${excludes[@]}"
  echo "benchmarks: smoke run complete (times are meaningless in smoke mode)"
else
  mkdir -p benchmarks/results
  out="benchmarks/results/jmh-$(date -u +%Y-%m-%d).json"
  java -jar "$jar" -f 2 -wi 3 -w 1s -i 5 -r 1s -foe true -prof gc -jvmArgs "-Xms2g -Xmx2g" \
    -rf json -rff "$out" "${excludes[@]}"
  python3 benchmarks/report.py "$out"
fi
