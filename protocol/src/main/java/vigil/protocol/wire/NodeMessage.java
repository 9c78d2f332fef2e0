package vigil.protocol.wire;

/** Anything a node sends a console, as decoded: an event, a reply, or a message that was rejected. */
public sealed interface NodeMessage permits Event, Reply, InvalidMessage {

    MessageType type();
}
