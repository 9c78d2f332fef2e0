package vigil.storage;

/**
 * One step of the site's emergency checklist for an event type, in {@code position} order: what to
 * do, whom to call on which number (both optional), and the site action that does it (or null).
 */
public record ChecklistStep(long id, IncidentType type, int position, String text, String contact, String phone, String action) {

    public ChecklistStep {
        if (text == null || text.isBlank() || text.length() > 500) {
            throw new IllegalArgumentException("a checklist step says what to do in 1 to 500 characters");
        }
    }

    /** As the pop-up, the review and an incident's history show it: "Call the ambulance: Dispatch, 112". */
    public String words() {
        String whom = contact == null ? phone : phone == null ? contact : contact + ", " + phone;
        return text + (whom == null ? "" : ": " + whom) + (action == null ? "" : " (action " + action + ")");
    }
}
