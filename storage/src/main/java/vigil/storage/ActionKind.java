package vigil.storage;

/** What an operator can do with an incident; each is appended to its history, never changed. */
public enum ActionKind {
    ACKNOWLEDGE, RESOLVE, FALSE_ALARM, REOPEN, NOTE, EXPORT,
    /** A step of the emergency checklist done; its note is the step's words. */
    STEP;

    /**
     * The state this action leads to from {@code state}; the same state for a note, an export or a step.
     * Throws for a move that makes no sense (acknowledging a resolved incident, re-opening an open one).
     */
    public IncidentState apply(IncidentState state) {
        return switch (this) {
            case ACKNOWLEDGE -> require(state == IncidentState.NEW, state, IncidentState.ACKNOWLEDGED);
            case RESOLVE -> require(state.isOpen(), state, IncidentState.RESOLVED);
            case FALSE_ALARM -> require(state.isOpen(), state, IncidentState.FALSE_ALARM);
            case REOPEN -> require(!state.isOpen(), state, IncidentState.ACKNOWLEDGED);
            case NOTE, EXPORT, STEP -> state;
        };
    }

    private IncidentState require(boolean allowed, IncidentState from, IncidentState to) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + name().toLowerCase().replace('_', ' ') + " an incident that is " + from);
        }
        return to;
    }
}
