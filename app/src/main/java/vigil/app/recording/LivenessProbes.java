package vigil.app.recording;

import java.time.Duration;
import java.util.List;
import vigil.protocol.link.LinkSettings;
import vigil.protocol.link.NodeAddress;

/**
 * Which nodes are probed for liveness, and after how long a silence: every node after
 * {@code after} (zero: none) but those listed in {@code unprobed}, such as a node that takes any
 * command badly. The links' other settings are the defaults.
 */
public record LivenessProbes(Duration after, List<NodeAddress> unprobed) {
    public static final LivenessProbes DEFAULTS = new LivenessProbes(LinkSettings.DEFAULT_PROBE_AFTER, List.of());

    public LivenessProbes {
        if (after.isNegative()) {
            throw new IllegalArgumentException("a probe interval cannot be negative: " + after);
        }
        unprobed = List.copyOf(unprobed);
    }

    public LinkSettings linkSettings(NodeAddress node) {
        return LinkSettings.defaults().withProbeAfter(unprobed.contains(node) ? Duration.ZERO : after);
    }
}
