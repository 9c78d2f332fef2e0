package vigil.app.operators;

import java.time.Duration;
import vigil.storage.OperatorAccount;
import vigil.storage.OperatorEvent;

/** How a sign-in went. */
public sealed interface SignIn {

    /** {@code handover}: the note the outgoing operator left, or null. */
    record Accepted(OperatorAccount operator, OperatorEvent handover) implements SignIn {
    }

    /**
     * Refused, with the reason to show ({@code wrong name or password}: the screen does not tell
     * which), how long until the next try is heard, and whether this refusal raised the alert for
     * too many in a row.
     */
    record Refused(String reason, Duration nextTryIn, boolean alert) implements SignIn {
    }
}
