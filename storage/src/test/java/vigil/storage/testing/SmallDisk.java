package vigil.storage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A filesystem of a few megabytes that fills up for real: a tmpfs mounted on a temporary directory,
 * which needs root (as CI runs); elsewhere the test is skipped and says why. It can be grown, as an
 * operator who frees room on the disk would, and is unmounted when closed.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallDisk mount(int megabytes) throws IOException, InterruptedException {
        Path mountPoint = Files.createTempDirectory("vigil-small-disk");
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        if (failure != null) {
            Files.delete(mountPoint);
            Assumptions.abort("a small filesystem needs a tmpfs mounted as root: " + failure);
        }
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Room again: the filesystem grows to {@code megabytes}. */
    public void grow(int megabytes) throws IOException, InterruptedException {
        String failure = run("mount", "-o", "remount,size=" + megabytes + "m", mountPoint.toString());
        if (failure != null) {
            throw new IOException("cannot grow " + mountPoint + ": " + failure);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String failure = run("umount", "--lazy", mountPoint.toString());
        if (failure != null) {
            throw new IOException("cannot unmount " + mountPoint + ": " + failure);
        }
        Files.delete(mountPoint);
    }

    /** Null when the command succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notThere) {
            return notThere.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }
}
