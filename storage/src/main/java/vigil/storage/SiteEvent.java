package vigil.storage;

import java.time.Instant;
import vigil.protocol.link.NodeAddress;

/** Something that happened on the site, for the console's log view; {@code node} may be null. */
public record SiteEvent(NodeAddress node, Kind kind, String detail, Instant occurredAt) {

    public enum Kind { LINK_UP, LINK_DOWN, BIRD_RISK, RUNWAY, DECODER_FAILURE }
}
