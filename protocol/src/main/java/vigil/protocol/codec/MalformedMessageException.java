package vigil.protocol.codec;

import vigil.protocol.wire.InvalidMessage.Failure;

/**
 * Thrown inside the codec when a message does not parse; the decoder turns it into an
 * {@link vigil.protocol.wire.InvalidMessage}. It is a value, not a bug report: no stack trace.
 */
final class MalformedMessageException extends RuntimeException {
    private final Failure failure;

    MalformedMessageException(String reason) {
        this(Failure.MALFORMED_FIELD, reason);
    }

    MalformedMessageException(Failure failure, String reason) {
        super(reason, null, false, false);
        this.failure = failure;
    }

    Failure failure() {
        return failure;
    }
}
