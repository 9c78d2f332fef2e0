package vigil.app.operators;

/** An action refused: nobody is signed in at the desk, or the operator's role does not allow it. */
public final class NotPermittedException extends RuntimeException {
    public NotPermittedException(String message) {
        super(message);
    }
}
