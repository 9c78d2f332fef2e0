package vigil.protocol.wire;

/** A node's answer to a command (PROTOCOL.md §3). A node broadcasts replies to every console. */
public sealed interface Reply extends NodeMessage
        permits AuthorityLevels, AuthorityUpdated, CameraStarted, CameraStopped, ObjectDetail, ObjectLog,
                BirdRiskLog, PilotRequestLog, ObjectImage, ErrorReply, CommandRejected {
}
