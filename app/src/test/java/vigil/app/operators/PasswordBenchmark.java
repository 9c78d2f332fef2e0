package vigil.app.operators;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a sign-in costs: checking a password against its stored hash, and making a new hash,
 * beside BouncyCastle's Argon2id alone at the same parameters (the floor: the rest is parsing the
 * PHC string and Base64).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordBenchmark {
    private final char[] password = "correct horse battery".toCharArray();
    private final byte[] salt = "sixteen byte salt".substring(0, 16).getBytes(StandardCharsets.US_ASCII);
    private String stored;

    @Setup
    public void hashOnce() {
        stored = Passwords.hash(password);
    }

    @Benchmark
    public boolean signIn() {
        return Passwords.matches(password, stored);
    }

    @Benchmark
    public String newPassword() {
        return Passwords.hash(password);
    }

    @Benchmark
    public byte[] argon2idAlone() {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(Passwords.MEMORY_KIB).withIterations(Passwords.PASSES).withParallelism(Passwords.LANES).withSalt(salt).build());
        byte[] hash = new byte[32];
        generator.generateBytes(password, hash);
        return hash;
    }
}
