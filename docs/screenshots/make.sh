#!/bin/sh
# Makes the README's screenshots with the console's own --screenshot option, on JavaFX's headless
# platform, each against the console's built-in simulated node, with four real RTSP cameras (the
# tests' GStreamer camera, serving FFmpeg's test patterns) and one that is not there.
# Run after ./mvnw -q -DskipTests package; needs what .ci/run installs (python3-gi, GStreamer's RTSP
# server, ffmpeg).
set -eu
cd "$(dirname "$0")/../.."
vigil=app/target/vigil/bin/vigil
out=docs/screenshots
work=$(mktemp -d)
cameras=""
trap 'kill $cameras 2>/dev/null; rm -rf "$work"' EXIT
export VIGIL_JAVA_OPTS="-Dglass.platform=Headless -Dprism.order=sw"
export XDG_CONFIG_HOME="$work/config"
data="$work/data"
password="$work/password"
printf 'a long night shift\n' >"$password"

shot() { # FILE SECONDS OPTIONS...: signed in as Ada, the admin
  file=$1 seconds=$2
  shift 2
  "$vigil" --data "$data" --exit-after "$seconds" --screenshot "$out/$file" --operator ada --password-file "$password" "$@" 2>/dev/null
  echo "wrote $out/$file"
}

locked() { # FILE DATA: the console as it opens, before anyone signs in
  "$vigil" --data "$2" --exit-after 6 --screenshot "$out/$1" --sim-objects 40 2>/dev/null
  echo "wrote $out/$1"
}

locked first-start.png "$work/new-data"
"$vigil" operators add ada --role admin --display-name "Ada Lovelace" --password-file "$password" --data "$data" >/dev/null

camera() { # NAME PATTERN PORT ZONES X,Y,HEADING
  ffmpeg -v error -y -f lavfi -i "$2=s=640x360:r=15" -t 6 -c:v libx264 -preset ultrafast -bf 0 -g 15 -pix_fmt yuv420p \
    -x264-params aud=1:repeat-headers=1 -f h264 "$work/$2.h264"
  sleep 100000 | /usr/bin/python3 app/src/test/resources/vigil/app/camera/rtsp_camera.py "$3" "$work/$2.h264" 15 >/dev/null &
  cameras="$cameras $!"
  "$vigil" cameras add "$1" "rtsp://127.0.0.1:$3/cam" --zones "$4" --at "$5" --data "$data" >/dev/null
}
camera "Apron east" testsrc2 18554 5,1 300,80,120
camera "Runway B threshold" smptehdbars 18555 6 30,430,90
camera "Gate 2" testsrc 18556 7,2 470,250,180
camera "Cargo ramp" rgbtestsrc 18557 8,3 600,700,0
sleep 2

shot cameras.png 8 --sim-objects 3 --screen=CAMERAS
"$vigil" cameras add "Fuel farm" rtsp://127.0.0.1:18599/cam --zones 4 --at 930,560,270 --data "$data" >/dev/null
shot live.png 12 --sim-objects 40
# no new objects: the newest incident is one of the Live shot's, whose clips (cut short when it exited) the review shows
shot incidents.png 6 --sim-objects 0 --screen=INCIDENTS
shot access.png 5 --sim-objects 3 --screen=ACCESS
shot logs.png 4 --sim-objects 3 --screen=LOGS
locked sign-in.png "$data"
shot crowd.png 12 --sim-objects 1500
# a desk started while its shared store is down: a node of its own, a store on a port nobody listens on
"$vigil" sim --port 18600 --seed 3 >/dev/null 2>&1 &
cameras="$cameras $!"
sleep 2
"$vigil" --data "$work/desk" --node 127.0.0.1:18600 --store "postgresql://127.0.0.1:1/vigil?user=vigil" --exit-after 20 \
  --screenshot "$out/store-wait.png" >/dev/null 2>&1
echo "wrote $out/store-wait.png"
mkdir -p "$XDG_CONFIG_HOME/vigil"
printf 'theme=LIGHT\n' >"$XDG_CONFIG_HOME/vigil/console.properties"
shot live-light.png 12 --sim-objects 40
