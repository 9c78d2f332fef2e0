package vigil.app.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;
import vigil.app.recording.LivenessProbes;
import vigil.protocol.link.NodeAddress;

/** {@code --probe-after} and {@code --no-probe}: how silent nodes are asked whether they are still there. */
public final class ProbeOptions {

    @Option(names = "--probe-after", paramLabel = "SECONDS",
            description = "Send a node that has been silent this long an AC_AC; no answer within the command timeout means it is unresponsive, and the link reconnects (default 60; 0: never).")
    Integer probeAfterSeconds;

    @Option(names = "--no-probe", paramLabel = "HOST:PORT", description = "Never probe this node (repeatable).")
    List<String> unprobed;

    /** These options over {@code configured}: what is given here wins for this run. */
    public LivenessProbes over(LivenessProbes configured) {
        if (probeAfterSeconds != null && probeAfterSeconds < 0) {
            throw new IllegalArgumentException("--probe-after cannot be negative: " + probeAfterSeconds);
        }
        return new LivenessProbes(probeAfterSeconds == null ? configured.after() : Duration.ofSeconds(probeAfterSeconds),
                unprobed == null ? configured.unprobed() : unprobed.stream().map(NodeAddress::parse).toList());
    }
}
