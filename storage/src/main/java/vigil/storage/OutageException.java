package vigil.storage;

/** A write the store could not take during an {@link Outage}, and which cannot wait for its end as node incidents do. */
public final class OutageException extends IllegalStateException {
    private final Outage outage;

    OutageException(Outage outage) {
        super(outage.words());
        this.outage = outage;
    }

    public Outage outage() {
        return outage;
    }
}
