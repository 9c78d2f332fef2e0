package vigil.app.alert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A sound card for a machine without one: PulseAudio's null sink, in a runtime folder of its own
 * (Debian's pulseaudio, pulseaudio-utils and libasound2-plugins; with the latter, ALSA's default
 * device plays into PulseAudio, and Java Sound with it), and what it played, recorded from the
 * sink's monitor. A process given {@link #environment()} plays into it. See STACK.md §11.
 */
final class SoundCard implements AutoCloseable {
    private static final int RATE = 44_100;
    /** A window of 50 ms, two channels of 16 bits. */
    private static final int WINDOW_BYTES = RATE / 20 * 4;
    private static final double LOUD_DB = -40;
    private static final double QUIET_DB = -50;

    private final Path runtime;
    private final Path recorded;
    private final Process recording;

    private SoundCard(Path runtime, Path recorded, Process recording) {
        this.runtime = runtime;
        this.recorded = recorded;
        this.recording = recording;
    }

    static SoundCard start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pulseaudio")) && Files.isExecutable(Path.of("/usr/bin/parec"))
                && Files.exists(Path.of("/usr/share/alsa/pulse-alsa.conf")),
                "the sound card needs Debian's pulseaudio, pulseaudio-utils and libasound2-plugins (.ci/run installs them)");
        Path runtime = Files.createTempDirectory("vigil-sound"); // 0700, as PulseAudio asks
        run(runtime, "pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "-n", "--load=module-null-sink sink_name=vigil",
                "--load=module-native-protocol-unix");
        run(runtime, "pactl", "set-default-sink", "vigil");
        Path recorded = runtime.resolve("played.raw");
        ProcessBuilder parec = new ProcessBuilder("parec", "-d", "vigil.monitor", "--format=s16le", "--rate=" + RATE, "--channels=2")
                .redirectOutput(recorded.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        parec.environment().putAll(environment(runtime));
        return new SoundCard(runtime, recorded, parec.start());
    }

    /** What a process needs in its environment to play into this card. */
    Map<String, String> environment() {
        return environment(runtime);
    }

    private static Map<String, String> environment(Path runtime) {
        return Map.of("XDG_RUNTIME_DIR", runtime.toString());
    }

    /** When each sound began (after at least 50 ms of quiet), in seconds since the recording started. */
    List<Double> soundsBegan() throws IOException {
        ByteBuffer samples = ByteBuffer.wrap(Files.readAllBytes(recorded)).order(ByteOrder.LITTLE_ENDIAN);
        List<Double> began = new ArrayList<>();
        boolean sounding = false;
        for (int window = 0; (window + 1) * WINDOW_BYTES <= samples.capacity(); window++) {
            double sum = 0;
            for (int i = window * WINDOW_BYTES; i < (window + 1) * WINDOW_BYTES; i += 2) {
                double sample = samples.getShort(i) / 32768.0;
                sum += sample * sample;
            }
            double db = 10 * Math.log10(sum / (WINDOW_BYTES / 2.0) + 1e-12);
            if (!sounding && db > LOUD_DB) {
                began.add(window / 20.0);
                sounding = true;
            } else if (db < QUIET_DB) {
                sounding = false;
            }
        }
        return began;
    }

    private static void run(Path runtime, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment(runtime));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws Exception {
        recording.destroy();
        recording.waitFor(10, TimeUnit.SECONDS);
        run(runtime, "pulseaudio", "--kill");
        try (Stream<Path> left = Files.walk(runtime)) {
            left.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
