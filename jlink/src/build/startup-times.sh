#!/bin/sh
# Times the packaged console from launch to the first frame with the map drawn, RUNS times (default
# 7), on JavaFX's headless platform against its built-in simulated node, and prints each time and
# the median. The first run makes a fresh data directory; the others open it as an operator would.
# Usage (after ./mvnw -DskipTests package): jlink/src/build/startup-times.sh [RUNS]
set -eu
cd "$(dirname "$0")/../../.."
runs=${1:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
times=""
for _ in $(seq "$runs"); do
  started=$(date +%s%3N)
  drawn=$(JAVA_TOOL_OPTIONS="-Dglass.platform=Headless -Dprism.order=sw" XDG_CONFIG_HOME="$work/config" \
    jlink/target/jpackage/vigil/bin/vigil --data "$work/data" --exit-after 2 2>/dev/null |
    sed -n 's/.*map first drawn at \([0-9]*\).*/\1/p')
  echo "launch to map: $((drawn - started)) ms"
  times="$times $((drawn - started))"
done
echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ t[NR] = $1 } END { print "median of " NR ": " t[int((NR + 1) / 2)] " ms" }'
