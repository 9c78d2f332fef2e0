package vigil.storage;

import java.time.Instant;

/** One message for a webhook and what became of it: {@code lastTriedAt} and {@code lastError} are null before the first try. */
public record AlertDelivery(long id, String target, String topic, String payload, String deliveryId, Status status, int attempts,
                            String lastError, Instant createdAt, Instant lastTriedAt) {

    public enum Status { PENDING, DELIVERED, FAILED }
}
