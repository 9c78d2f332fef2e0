#!/bin/sh
# Makes the README's screenshots with the console's own --screenshot option, on JavaFX's headless
# platform, each against the console's built-in simulated node. Run after ./mvnw -q -DskipTests package.
set -eu
cd "$(dirname "$0")/../.."
vigil=app/target/vigil/bin/vigil
out=docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VIGIL_JAVA_OPTS="-Dglass.platform=Headless -Dprism.order=sw"
export XDG_CONFIG_HOME="$work/config"
data="$work/data"

shot() { # FILE SECONDS OPTIONS...
  file=$1 seconds=$2
  shift 2
  "$vigil" --data "$data" --exit-after "$seconds" --screenshot "$out/$file" "$@" 2>/dev/null
  echo "wrote $out/$file"
}

shot live.png 12 --sim-objects 40
shot incidents.png 5 --sim-objects 3 --screen=INCIDENTS
shot access.png 5 --sim-objects 3 --screen=ACCESS
shot cameras.png 6 --sim-objects 12 --camera A
shot logs.png 4 --sim-objects 3 --screen=LOGS
shot crowd.png 12 --sim-objects 1500
mkdir -p "$XDG_CONFIG_HOME/vigil"
printf 'theme=LIGHT\n' >"$XDG_CONFIG_HOME/vigil/console.properties"
shot live-light.png 12 --sim-objects 40
