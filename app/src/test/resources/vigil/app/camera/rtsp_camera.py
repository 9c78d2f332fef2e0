"""A real RTSP camera for Vigil's tests: GStreamer's RTSP server on loopback, serving a pre-encoded
H.264 file (Annex-B with access-unit delimiters) without re-encoding, one access unit per frame on
the wall clock, looped for ever.

    rtsp_camera.py PORT VIDEO.h264 FPS [USER PASSWORD]

It prints "ready rtsp://127.0.0.1:PORT/cam" once it serves. Lines on stdin steer it: "stall" stops
the frames (the session stays open and keep-alives are answered, as with a camera whose encoder
hangs), "resume" sends them again. It ends when stdin closes or it is killed.
"""
import re
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def access_units(stream):
    """Splits Annex-B bytes at each access-unit delimiter (NAL type 9)."""
    starts = [m.start() for m in re.finditer(b"\x00\x00\x00\x01\x09", stream)]
    if not starts:
        sys.exit("no access-unit delimiters in the video: encode it with -x264-params aud=1")
    return [stream[a:b] for a, b in zip(starts, starts[1:] + [len(stream)])]


class Camera:
    def __init__(self, port, video, fps, user=None, password=None):
        self.units = access_units(open(video, "rb").read())
        self.fps = fps
        self.sources = []
        self.lock = threading.Lock()
        self.flowing = threading.Event()
        self.flowing.set()

        self.server = GstRtspServer.RTSPServer()
        self.server.set_address("127.0.0.1")
        self.server.set_service(str(port))
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(
            "( appsrc name=src is-live=true do-timestamp=true format=time "
            f"caps=video/x-h264,stream-format=byte-stream,alignment=au,framerate={fps}/1 "
            "! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )")
        factory.set_shared(True)
        factory.set_protocols(GstRtsp.RTSPLowerTrans.TCP)
        pool = GstRtspServer.RTSPAddressPool()
        pool.add_range("127.0.0.1", "127.0.0.1", 40000, 49999, 0)
        factory.set_address_pool(pool)
        factory.connect("media-configure", self.configured)
        if user is not None:
            auth = GstRtspServer.RTSPAuth()
            token = GstRtspServer.RTSPToken()
            token.set_string("media.factory.role", "viewer")
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
            self.server.set_auth(auth)
            permissions = GstRtspServer.RTSPPermissions()
            permissions.add_role_from_structure(Gst.Structure.new_from_string(
                "viewer, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
            factory.set_permissions(permissions)
        self.server.get_mount_points().add_factory("/cam", factory)
        self.server.attach(None)

    def configured(self, factory, media):
        source = media.get_element().get_by_name("src")
        with self.lock:
            self.sources.append(source)
        media.connect("unprepared", lambda m: self.forget(source))

    def forget(self, source):
        with self.lock:
            if source in self.sources:
                self.sources.remove(source)

    def feed(self):
        interval = 1.0 / self.fps
        next_frame = time.monotonic()
        index = 0
        while True:
            self.flowing.wait()
            unit = self.units[index % len(self.units)]
            index += 1
            with self.lock:
                sources = list(self.sources)
            for source in sources:
                buffer = Gst.Buffer.new_wrapped(unit)
                buffer.duration = int(Gst.SECOND * interval)
                source.emit("push-buffer", buffer)
            next_frame = max(next_frame + interval, time.monotonic() - interval)
            time.sleep(max(0.0, next_frame - time.monotonic()))

    def steer(self):
        for line in sys.stdin:
            command = line.strip()
            if command == "stall":
                self.flowing.clear()
            elif command == "resume":
                self.flowing.set()
        loop.quit()


Gst.init(None)
arguments = sys.argv[1:]
camera = Camera(int(arguments[0]), arguments[1], int(arguments[2]), *arguments[3:5])
threading.Thread(target=camera.feed, daemon=True).start()
loop = GLib.MainLoop()
threading.Thread(target=camera.steer, daemon=True).start()
print(f"ready rtsp://127.0.0.1:{arguments[0]}/cam", flush=True)
loop.run()
