package vigil.protocol.wire;

/** What a node sends on its own, with no command asking (PROTOCOL.md §2). */
public sealed interface Event extends NodeMessage
        permits ObjectSnapshot, FirstDetection, BirdRiskChanged, RunwayStateChanged {
}
