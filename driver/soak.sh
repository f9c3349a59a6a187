#!/usr/bin/env bash
# The soak (docs/testing-faults.md): PostgreSQL and MariaDB at once, 16 threads each, for the minutes given
# (default 10), every read checked for consistency. Needs the servers and Redis on loopback (see .ci/run).
# The CI run has a short version of it: SoakTest in `mvn -B verify -Pintegration` (soak.minutes=1, the default).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
status=0
mvn -B -q verify -Pintegration -pl driver -am -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoak.minutes="$minutes" || status=$?
grep -h "querycache soak" driver/target/surefire-reports/io.querycache.stress.SoakTest-output.txt || true
exit "$status"
