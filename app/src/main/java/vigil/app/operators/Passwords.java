package vigil.app.operators;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords as Argon2id hashes in the PHC string form ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}),
 * at OWASP's parameters. A hash is checked with the parameters written in it, so hashes made with
 * other parameters keep working.
 */
public final class Passwords {
    /** OWASP's Argon2id choice: 19 MiB, 2 passes, 1 lane. */
    static final int MEMORY_KIB = 19 * 1024;
    static final int PASSES = 2;
    static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Passwords() {
    }

    /** Why a new password is refused, or null when it will do. */
    public static String weakness(char[] password) {
        if (password.length < MIN_LENGTH) {
            return "a password has at least " + MIN_LENGTH + " characters";
        }
        if (password.length > MAX_LENGTH) {
            return "a password has at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /** A new salted hash of {@code password}; throws {@link IllegalArgumentException} for a password {@link #weakness} refuses. */
    public static String hash(char[] password) {
        String weakness = weakness(password);
        if (weakness != null) {
            throw new IllegalArgumentException(weakness);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} is the one {@code phc} was made from; false for a string that is not a hash this can check. */
    public static boolean matches(char[] password, String phc) {
        Matcher parts = PHC.matcher(phc);
        if (!parts.matches() || password.length > MAX_LENGTH) {
            return false;
        }
        int memory = Integer.parseInt(parts.group(1));
        int passes = Integer.parseInt(parts.group(2));
        int lanes = Integer.parseInt(parts.group(3));
        if (memory < 8 * lanes || memory > 4 * 1024 * 1024 || passes < 1 || lanes < 1) {
            return false; // not parameters Vigil writes, and a 4 GiB hash would hang the sign-in
        }
        byte[] expected = Base64.getDecoder().decode(parts.group(5));
        byte[] actual = argon2(password, Base64.getDecoder().decode(parts.group(4)), memory, passes, lanes, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build());
        byte[] hash = new byte[length];
        generator.generateBytes(password, hash);
        return hash;
    }
}
