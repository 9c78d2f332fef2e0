#!/bin/sh
# Makes the app-image's class-data archive (lib/app/vigil.jsa): runs the console once on the image's
# own runtime with exactly its launcher's class path and options (read from lib/app/vigil.cfg), on
# JavaFX's headless platform against its built-in simulated node, and dumps the classes it loaded.
# The launcher itself cannot do it: its configuration names the archive it is about to write.
set -eu
image=$1 work=$2
app=$image/lib/app
classpath=$(sed -n 's|^app\.classpath=\$APPDIR|'"$app"'|p' "$app/vigil.cfg" | paste -sd: -)
options=$(sed -n 's|^java-options=||p' "$app/vigil.cfg" | grep -v -e SharedArchiveFile -e '^-Xlog:cds')
rm -f "$app/vigil.jsa"
mkdir -p "$work"
# shellcheck disable=SC2086 # the launcher's options, one word each
XDG_CONFIG_HOME="$work/config" "$image/lib/runtime/bin/java" $options -XX:ArchiveClassesAtExit="$app/vigil.jsa" \
  -Dglass.platform=Headless -Dprism.order=sw -cp "$classpath" vigil.app.Vigil --data "$work/data" --exit-after 4 >/dev/null
test -s "$app/vigil.jsa"
