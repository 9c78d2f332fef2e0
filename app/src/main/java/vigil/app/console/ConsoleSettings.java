package vigil.app.console;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import vigil.app.camera.ByteSize;
import vigil.app.camera.Cameras;
import vigil.app.recording.LivenessProbes;
import vigil.protocol.link.NodeAddress;
import vigil.storage.SharedStore;

/**
 * What the operator configured, kept in {@code $XDG_CONFIG_HOME/vigil/console.properties} (else
 * {@code ~/.config/vigil}). No nodes means the simulated node, started in-process.
 *
 * @param volume 0–1, for the alert sounds
 * @param objectExpirySeconds how long an object no longer listed stays (fading) on the map
 * @param videoPort the UDP port that node camera frames are sent to
 * @param probes which nodes are probed for liveness after how long a silence
 * @param cameraAlarmSeconds how long one of the site's cameras may be offline before it raises an alarm
 * @param clipQuotaBytes the cap for clip storage
 * @param lockAfterSeconds how long the console waits without input before it locks itself
 * @param store the shared store's address ({@code postgresql://HOST:PORT/DB?user=NAME}), or empty for
 *              the data directory's own; its password comes from the environment, never this file
 */
public record ConsoleSettings(
        List<NodeAddress> nodes,
        Theme theme,
        double volume,
        boolean muted,
        double objectExpirySeconds,
        int videoPort,
        LivenessProbes probes,
        int cameraAlarmSeconds,
        long clipQuotaBytes,
        int lockAfterSeconds,
        String store) {

    public enum Theme { DARK, LIGHT }

    public static final ConsoleSettings DEFAULTS = new ConsoleSettings(List.of(), Theme.DARK, 0.8, false, 2.0, 4100,
            LivenessProbes.DEFAULTS, 30, Cameras.DEFAULT_CLIP_QUOTA, 15 * 60, "");

    public ConsoleSettings {
        nodes = List.copyOf(nodes);
        store = store.strip();
        if (!store.isEmpty()) {
            SharedStore.parse(store, null); // refused in words now, not when the console opens it
        }
        if (Double.isNaN(volume)) {
            throw new IllegalArgumentException("the volume is a number from 0 to 1: " + volume);
        }
        volume = Math.clamp(volume, 0, 1);
        if (!(objectExpirySeconds > 0) || Double.isInfinite(objectExpirySeconds)) {
            throw new IllegalArgumentException("object expiry must be positive: " + objectExpirySeconds);
        }
        if (cameraAlarmSeconds < 1) {
            throw new IllegalArgumentException("a camera alarm needs at least 1 s offline: " + cameraAlarmSeconds);
        }
        if (clipQuotaBytes < 1) {
            throw new IllegalArgumentException("clip storage needs a cap of at least a byte: " + clipQuotaBytes);
        }
        if (lockAfterSeconds < 1) {
            throw new IllegalArgumentException("the console locks after at least 1 s without input: " + lockAfterSeconds);
        }
        if (videoPort < 0 || videoPort > 65_535) {
            throw new IllegalArgumentException("not a UDP port: " + videoPort);
        }
    }

    public ConsoleSettings withNodes(List<NodeAddress> nodes) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, videoPort, probes, cameraAlarmSeconds, clipQuotaBytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withTheme(Theme theme) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, videoPort, probes, cameraAlarmSeconds, clipQuotaBytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withSound(double volume, boolean muted) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, videoPort, probes, cameraAlarmSeconds, clipQuotaBytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withObjectExpirySeconds(double seconds) {
        return new ConsoleSettings(nodes, theme, volume, muted, seconds, videoPort, probes, cameraAlarmSeconds, clipQuotaBytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withVideoPort(int port) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, port, probes, cameraAlarmSeconds, clipQuotaBytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withProbes(LivenessProbes probes) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, videoPort, probes, cameraAlarmSeconds, clipQuotaBytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withCameraAlarmSeconds(int seconds) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, videoPort, probes, seconds, clipQuotaBytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withClipQuotaBytes(long bytes) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, videoPort, probes, cameraAlarmSeconds, bytes, lockAfterSeconds, store);
    }

    public ConsoleSettings withLockAfterSeconds(int seconds) {
        return new ConsoleSettings(nodes, theme, volume, muted, objectExpirySeconds, videoPort, probes, cameraAlarmSeconds, clipQuotaBytes, seconds, store);
    }

    /** What differs in {@code changed}, in words ({@code theme: DARK → LIGHT; clipQuotaBytes: …}), for the operator log. */
    public String differences(ConsoleSettings changed) {
        List<String> differences = new java.util.ArrayList<>();
        for (var component : ConsoleSettings.class.getRecordComponents()) {
            try {
                Object before = component.getAccessor().invoke(this);
                Object after = component.getAccessor().invoke(changed);
                if (!before.equals(after)) {
                    differences.add(component.getName() + ": " + before + " → " + after);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return differences.isEmpty() ? "nothing" : String.join("; ", differences);
    }

    /** {@code $XDG_CONFIG_HOME/vigil/console.properties}, else {@code ~/.config/vigil/console.properties}. */
    public static Path file(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("vigil").resolve("console.properties");
    }

    /**
     * Reads the file, or the defaults when there is none. A file that cannot be read or holds a bad
     * value is a {@link SettingsException} naming the file and the value: the console does not start
     * on settings other than the operator's (defaults would mean the simulated node, not the site).
     */
    public static ConsoleSettings load(Path file) {
        if (!Files.exists(file)) {
            return DEFAULTS;
        }
        try {
            Properties properties = PropertiesFile.read(file);
            return new ConsoleSettings(
                    addresses(properties.getProperty("nodes", "")),
                    Theme.valueOf(properties.getProperty("theme", DEFAULTS.theme.name()).trim().toUpperCase()),
                    Double.parseDouble(properties.getProperty("volume", Double.toString(DEFAULTS.volume))),
                    Boolean.parseBoolean(properties.getProperty("muted", Boolean.toString(DEFAULTS.muted))),
                    Double.parseDouble(properties.getProperty("objectExpirySeconds", Double.toString(DEFAULTS.objectExpirySeconds))),
                    Integer.parseInt(properties.getProperty("videoPort", Integer.toString(DEFAULTS.videoPort)).trim()),
                    new LivenessProbes(Duration.ofSeconds(Long.parseLong(properties.getProperty("probeAfterSeconds",
                            Long.toString(DEFAULTS.probes.after().toSeconds())).trim())),
                            addresses(properties.getProperty("noProbe", ""))),
                    Integer.parseInt(properties.getProperty("cameraAlarmSeconds", Integer.toString(DEFAULTS.cameraAlarmSeconds)).trim()),
                    ByteSize.parse(properties.getProperty("clipQuota", Long.toString(DEFAULTS.clipQuotaBytes))),
                    Integer.parseInt(properties.getProperty("lockAfterSeconds", Integer.toString(DEFAULTS.lockAfterSeconds)).trim()),
                    properties.getProperty("store", DEFAULTS.store));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("settings " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SettingsException("settings " + file + " cannot be read: " + e.getCause().getMessage(), e);
        }
    }

    private static List<NodeAddress> addresses(String commaSeparated) {
        String list = commaSeparated.trim();
        return list.isEmpty() ? List.of() : Arrays.stream(list.split("\\s*,\\s*")).map(NodeAddress::parse).toList();
    }

    private static String addresses(List<NodeAddress> addresses) {
        return String.join(",", addresses.stream().map(NodeAddress::toString).toList());
    }

    /** Writes the file whole (through a temporary file, so a crash never leaves half of it). */
    public void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("nodes", addresses(nodes));
        properties.setProperty("theme", theme.name());
        properties.setProperty("volume", Double.toString(volume));
        properties.setProperty("muted", Boolean.toString(muted));
        properties.setProperty("objectExpirySeconds", Double.toString(objectExpirySeconds));
        properties.setProperty("videoPort", Integer.toString(videoPort));
        properties.setProperty("probeAfterSeconds", Long.toString(probes.after().toSeconds()));
        properties.setProperty("noProbe", addresses(probes.unprobed()));
        properties.setProperty("cameraAlarmSeconds", Integer.toString(cameraAlarmSeconds));
        properties.setProperty("clipQuota", Long.toString(clipQuotaBytes));
        properties.setProperty("lockAfterSeconds", Integer.toString(lockAfterSeconds));
        if (!store.isEmpty()) {
            properties.setProperty("store", store);
        }
        PropertiesFile.write(file, properties, "Vigil console settings");
    }
}
