#!/bin/sh
# Makes Vigil's class-data archive (lib/app/vigil.jsa), which lets the console start in about a
# second: runs the console once on the image's own runtime, with exactly its launcher's class path
# and options (from lib/app/vigil.cfg), on JavaFX's headless platform against its built-in
# simulated node, and archives the classes it loaded. The archive must match the installed jars to
# the second, so the build makes it for the app-image and the .deb's postinst makes it on install.
# Usage: class-data-archive.sh IMAGE_DIRECTORY   (e.g. /opt/vigil)
set -eu
image=$1
app=$image/lib/app
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
classpath=$(sed -n 's|^app\.classpath=\$APPDIR|'"$app"'|p' "$app/vigil.cfg" | paste -sd: -)
options=$(sed -n 's|^java-options=||p' "$app/vigil.cfg" | grep -v -e SharedArchiveFile -e '^-Xlog:cds')
rm -f "$app/vigil.jsa"
# shellcheck disable=SC2086 # the launcher's options, one word each
XDG_CONFIG_HOME="$work/config" "$image/lib/runtime/bin/java" $options -XX:ArchiveClassesAtExit="$app/vigil.jsa" \
  -Dglass.platform=Headless -Dprism.order=sw -cp "$classpath" vigil.app.Vigil --data "$work/data" --exit-after 4 >/dev/null 2>&1
test -s "$app/vigil.jsa"
