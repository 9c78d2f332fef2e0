package vigil.storage;

import java.time.Instant;
import vigil.protocol.link.NodeAddress;

/**
 * Something that happened on the site, for the console's log view and {@code vigil events}: from a
 * node, from a camera (by name), or from neither. {@code state} is the state reported where there
 * is one (a link's ONLINE, a camera's STALLED, a runway's WARNING); it may be null.
 */
public record SiteEvent(NodeAddress node, String camera, Kind kind, String state, String detail, Instant occurredAt) {

    public enum Kind {
        LINK_UP("link"), LINK_DOWN("link"), BIRD_RISK("bird"), RUNWAY("runway"), DECODER_FAILURE("decoder"), CAMERA("camera"), SIGN_IN("sign-in"),
        STORAGE("storage");

        private final String family;

        Kind(String family) {
            this.family = family;
        }

        /** What kind of thing it is about, as {@code vigil events} names it: link, bird, runway, decoder, camera, sign-in. */
        public String family() {
            return family;
        }
    }

    /** An event of a node's. */
    public static SiteEvent ofNode(NodeAddress node, Kind kind, String state, String detail, Instant occurredAt) {
        return new SiteEvent(node, null, kind, state, detail, occurredAt);
    }

    /** A camera's change of state. */
    public static SiteEvent ofCamera(String camera, String state, String detail, Instant occurredAt) {
        return new SiteEvent(null, camera, Kind.CAMERA, state, detail, occurredAt);
    }

    /** The store took no writes ({@code state} an {@link Outage}'s name), or takes them again (OK). */
    public static SiteEvent ofStorage(String state, String detail, Instant occurredAt) {
        return new SiteEvent(null, null, Kind.STORAGE, state, detail, occurredAt);
    }

    /** A refused sign-in at this desk ({@code state} FAILED), or the alert after several in a row (ALERT). */
    public static SiteEvent ofSignIn(String state, String detail, Instant occurredAt) {
        return new SiteEvent(null, null, Kind.SIGN_IN, state, detail, occurredAt);
    }

    /** Where it comes from: the node's address, the camera's name, or null. */
    public String source() {
        return node != null ? node.toString() : camera;
    }
}
