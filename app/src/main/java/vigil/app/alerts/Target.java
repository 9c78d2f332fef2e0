package vigil.app.alerts;

import java.util.concurrent.CompletableFuture;
import vigil.storage.AlertDelivery;
import vigil.storage.AlertTarget;

/** A place alerts go: sends never block the caller, and a target that is away keeps what it is given until it is back. */
interface Target extends AutoCloseable {
    /** The target as the store holds it: a target whose stored form changed is made anew. */
    AlertTarget configuration();

    default String name() {
        return configuration().name();
    }

    /** Sends one message; the future completes once the target has it (a broker's acknowledgement, a webhook's 2xx). */
    CompletableFuture<Void> send(AlertMessage message);

    /** Sends what the delivery log holds as PENDING for it (a stop cut it short, or an operator sends it again). */
    CompletableFuture<Void> deliver(AlertDelivery delivery);

    /** Why the last attempt to reach it failed, or null. */
    String lastProblem();

    /** Says goodbye (MQTT: {@code offline}), then lets go, waiting a moment for what is under way. */
    @Override
    void close();
}
