package vigil.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import vigil.protocol.wire.Jpeg;

/**
 * Someone who may sign in to a console. {@code passwordHash} is an Argon2id PHC string; there is
 * never a default. {@code createdBy} and {@code changedBy} name an operator, or {@code os:USER} for
 * a change made with the command line.
 */
public record OperatorAccount(String name, String displayName, Role role, String passwordHash, boolean disabled,
                              String createdBy, Instant createdAt, String changedBy, Instant changedAt) {

    /** Lower-case letters, digits, '.', '_' and '-', starting with a letter or digit: a name that reads the same in every log. */
    public static final String NAME_FORM = "[a-z0-9][a-z0-9._-]{0,63}";

    public OperatorAccount {
        if (!name.matches(NAME_FORM)) {
            throw new IllegalArgumentException("an operator's name is 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit: '" + name + "' is not");
        }
        if (displayName.isBlank() || displayName.length() > 200) {
            throw new IllegalArgumentException("a display name is 1 to 200 characters");
        }
    }

    public OperatorAccount withRole(Role newRole, String by, Instant at) {
        return new OperatorAccount(name, displayName, newRole, passwordHash, disabled, createdBy, createdAt, by, at);
    }

    public OperatorAccount withDisabled(boolean newDisabled, String by, Instant at) {
        return new OperatorAccount(name, displayName, role, passwordHash, newDisabled, createdBy, createdAt, by, at);
    }

    public OperatorAccount withPasswordHash(String newHash, String by, Instant at) {
        return new OperatorAccount(name, displayName, role, newHash, disabled, createdBy, createdAt, by, at);
    }

    /**
     * The account as the audit chain seals it after each change: everything that decides who may
     * do what, the password as the SHA-256 of its hash.
     */
    String sealedState() {
        return AuditChain.canonical(role, disabled, displayName,
                HexFormat.of().formatHex(Jpeg.sha256(passwordHash.getBytes(StandardCharsets.UTF_8))));
    }
}
