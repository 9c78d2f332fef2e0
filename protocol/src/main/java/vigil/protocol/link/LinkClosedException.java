package vigil.protocol.link;

import java.io.IOException;

/** A command could not be answered: the connection was lost with it in flight, or the link closed. */
public final class LinkClosedException extends IOException {

    LinkClosedException(String message) {
        super(message);
    }
}
