package vigil.storage;

import java.time.Instant;
import java.util.List;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.AuthorityLevel;

/**
 * One attempt to change a node's zone levels and how it ended: {@code before} is null when the
 * levels were not known; {@code errorCode} is the node's code for an ERR reply.
 */
public record AuthorityChange(
        NodeAddress node,
        List<AuthorityLevel> before,
        List<AuthorityLevel> after,
        String operator,
        Instant askedAt,
        Outcome outcome,
        Integer errorCode) {

    public enum Outcome { OK, ERR, TIMEOUT }
}
