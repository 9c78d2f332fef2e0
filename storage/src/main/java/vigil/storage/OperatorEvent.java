package vigil.storage;

import java.time.Instant;

/**
 * Something an operator did that is not about one incident, as the audit chain seals it: who
 * ({@code operator}, or {@code os:USER} from the command line), what, to what ({@code subject}: an
 * account's, a camera's or an alert target's name), and the detail in words (a handover note, what
 * changed).
 */
public record OperatorEvent(String operator, Kind kind, String subject, String detail, Instant at) {

    public enum Kind {
        ACCOUNT_ADDED, ROLE_CHANGED, PASSWORD_CHANGED, ACCOUNT_DISABLED, ACCOUNT_ENABLED,
        SIGNED_IN, LOCKED, HANDED_OVER,
        CAMERA_ADDED, CAMERA_CHANGED, CAMERA_REMOVED, SETTINGS_CHANGED, ALERT_TARGET_ADDED, ALERT_TARGET_REMOVED, ALERT_RULE_ADDED, ALERT_RULE_CHANGED,
        ALERT_RULE_REMOVED,
        SITE_ACTION_ADDED, SITE_ACTION_REMOVED, CHECKLIST_CHANGED, NODE_NAMED;

        boolean changesAccount() {
            return this == ACCOUNT_ADDED || this == ROLE_CHANGED || this == PASSWORD_CHANGED || this == ACCOUNT_DISABLED
                    || this == ACCOUNT_ENABLED;
        }
    }
}
