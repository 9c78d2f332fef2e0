package vigil.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vigil.app.camera.CameraProbe;
import vigil.app.camera.CameraUrl;
import vigil.app.operators.Accounts;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.Camera;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;

/** {@code vigil cameras}: the site's own cameras, kept in the store. */
@Command(name = "cameras", mixinStandardHelpOptions = true, description = "Add, list, remove and test the site's cameras.",
        subcommands = {CamerasCommand.Add.class, CamerasCommand.ListCameras.class, CamerasCommand.Remove.class,
                CamerasCommand.Test.class})
public final class CamerasCommand extends CommandGroup {

    /** A user and a password file, as {@code add} and {@code test} take them. */
    static final class Credentials {
        @Option(names = "--user", paramLabel = "U", description = "The camera's user name.")
        String user;

        @Option(names = "--password-file", paramLabel = "F", description = "A file whose first line is the camera's password.")
        Path passwordFile;

        /** The user and password: from the options, else from the URL. */
        String[] resolve(CameraUrl url, CommandLine commandLine) {
            if (user != null && url.username() != null) {
                throw new ParameterException(commandLine, "give the user with --user or in the URL, not both");
            }
            if (passwordFile != null && url.password() != null) {
                throw new ParameterException(commandLine, "give the password with --password-file or in the URL, not both");
            }
            String password = url.password();
            if (passwordFile != null) {
                password = CommandGroup.firstLine(passwordFile, commandLine);
            }
            return new String[] {user != null ? user : url.username(), password};
        }
    }

    static CameraUrl url(String text, CommandLine commandLine) {
        try {
            return CameraUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "refused URL: " + e.getMessage());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a camera.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Its name, as operators will see it (\"Apron east\").")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "rtsp://, rtsps://, http:// or https:// (MJPEG).")
        String url;

        @Option(names = "--zones", paramLabel = "1,5", split = ",", description = "The zones (1-8) it covers.")
        List<Integer> zones = List.of();

        @Option(names = "--at", paramLabel = "X,Y,HEADING", split = ",",
                description = "Where it stands on the map (960 x 720) and where it looks, in degrees clockwise from up.")
        List<Integer> placement;

        @Option(names = "--pre", paramLabel = "SECONDS", description = "How far its clips reach before an incident (default 10).")
        int pre = (int) SiteCamera.ClipWindow.DEFAULT.pre().toSeconds();

        @Option(names = "--post", paramLabel = "SECONDS", description = "How far its clips reach after an incident (default 20).")
        int post = (int) SiteCamera.ClipWindow.DEFAULT.post().toSeconds();

        @Option(names = "--disabled", description = "Keep it, but do not read it.")
        boolean disabled;

        @Mixin
        Credentials credentials;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws InterruptedException {
            CameraUrl parsed = url(url, spec.commandLine());
            String[] userAndPassword = credentials.resolve(parsed, spec.commandLine());
            SiteCamera camera;
            try {
                camera = new SiteCamera(name, parsed.toString(), userAndPassword[0], userAndPassword[1], zones(), placement(),
                        new SiteCamera.ClipWindow(Duration.ofSeconds(pre), Duration.ofSeconds(post)), !disabled);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (Storage storage = data.open()) {
                storage.cameras().add(camera, Accounts.commandLineUser()).get();
            } catch (ExecutionException e) {
                System.err.println("vigil cameras add: " + e.getCause().getMessage());
                return 1;
            }
            System.out.println("added " + camera.name() + ": " + camera.url());
            return 0;
        }

        private List<Area> zones() {
            for (int zone : zones) {
                if (zone < 1 || zone > 8) {
                    throw new ParameterException(spec.commandLine(), "--zones takes zone numbers 1-8: " + zone);
                }
            }
            return zones.stream().map(zone -> Area.ZONES.get(zone - 1)).toList();
        }

        private SiteCamera.Placement placement() {
            if (placement == null) {
                return null;
            }
            if (placement.size() != 3) {
                throw new ParameterException(spec.commandLine(), "--at takes X,Y,HEADING, as in 420,60,135");
            }
            return new SiteCamera.Placement(placement.get(0), placement.get(1), Math.floorMod(placement.get(2), 360));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the cameras (never their passwords), then each known node's cameras A and B.")
    static final class ListCameras implements Callable<Integer> {
        @Option(names = "--json", description = "One JSON object per camera per line.")
        boolean json;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                List<SiteCamera> cameras = storage.cameras().list();
                if (!json) {
                    System.out.printf("%-24s  %-8s  %-8s  %-10s  %s%n", "NAME", "ENABLED", "ZONES", "USER", "URL");
                }
                for (SiteCamera camera : cameras) {
                    System.out.println(json ? json(camera) : String.format("%-24s  %-8s  %-8s  %-10s  %s", camera.name(),
                            camera.enabled() ? "yes" : "no", zoneNumbers(camera), camera.username() == null ? "-" : camera.username(),
                            camera.url()));
                }
                for (NodeAddress node : storage.cameras().nodes()) {
                    for (Camera camera : Camera.values()) {
                        String name = node + " camera " + camera; // as the wall names it
                        System.out.println(json ? nodeCameraJson(name, node, camera) : String.format("%-24s  %-8s  %-8s  %-10s  %s",
                                name, "on request", "-", "-", "UDP from the node (MC_C" + camera + ")"));
                    }
                }
            }
            return 0;
        }

        private static String zoneNumbers(SiteCamera camera) {
            return camera.zones().isEmpty() ? "-"
                    : camera.zones().stream().map(zone -> Integer.toString(zone.zoneNumber())).collect(Collectors.joining(","));
        }

        static String nodeCameraJson(String name, NodeAddress node, Camera camera) {
            return JsonLines.object(json -> {
                json.writeStringField("name", name);
                json.writeStringField("node", node.toString());
                json.writeStringField("camera", camera.name());
            });
        }

        static String json(SiteCamera camera) {
            return JsonLines.object(json -> {
                json.writeStringField("name", camera.name());
                json.writeStringField("url", camera.url());
                json.writeStringField("user", camera.username());
                json.writeArrayFieldStart("zones");
                for (Area zone : camera.zones()) {
                    json.writeNumber(zone.zoneNumber());
                }
                json.writeEndArray();
                if (camera.placement() == null) {
                    json.writeNullField("position");
                } else {
                    json.writeObjectFieldStart("position");
                    json.writeNumberField("x", camera.placement().x());
                    json.writeNumberField("y", camera.placement().y());
                    json.writeNumberField("heading", camera.placement().heading());
                    json.writeEndObject();
                }
                json.writeNumberField("preSeconds", camera.clips().pre().toSeconds());
                json.writeNumberField("postSeconds", camera.clips().post().toSeconds());
                json.writeBooleanField("enabled", camera.enabled());
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a camera (its events stay).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            return remove(data, "vigil cameras remove", name, "no camera named '" + name + "'",
                    storage -> storage.cameras().remove(name, Accounts.commandLineUser()));
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Connect to a camera, read a few frames, and say what it sends or why it cannot be read; exit 0 or 1.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "URL")
        String url;

        @Option(names = "--seconds", defaultValue = "10", description = "How long to wait for it (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Mixin
        Credentials credentials;

        @Override
        public Integer call() {
            CameraUrl parsed = url(url, spec.commandLine());
            String[] userAndPassword = credentials.resolve(parsed, spec.commandLine());
            try {
                CameraProbe.Result result = CameraProbe.probe(parsed, userAndPassword[0], userAndPassword[1], Duration.ofSeconds(seconds));
                var stream = result.stream();
                System.out.printf("%s: codec %s, %dx%d, %s, %s, %d frames read%n", parsed, stream.codec(), stream.width(), stream.height(),
                        stream.frameRate() > 0 ? String.format("%.3g fps", stream.frameRate()) : "frame rate unknown",
                        result.keyframeInterval() == 0 ? "keyframe interval unknown (fewer than two keyframes)"
                                : "a keyframe every " + result.keyframeInterval() + " frames" + (stream.frameRate() > 0
                                        ? String.format(" (%.1f s)", result.keyframeInterval() / stream.frameRate()) : ""),
                        result.framesRead());
                return 0;
            } catch (IllegalStateException e) {
                System.out.println(parsed + ": cannot read it: " + e.getMessage());
                return 1;
            }
        }
    }
}
