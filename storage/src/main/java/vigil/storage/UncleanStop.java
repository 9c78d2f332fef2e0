package vigil.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Brings back the newest commits of a store that was not closed (a crash, a kill) before H2 opens it.
 * Left to itself, H2 (2.4.240 and 2.5.252 alike) can drop them: when a chunk is written somewhere
 * other than where the chunk before it predicted, the store header written with it still names the
 * chunk before (FileStore.storeBuffer sets lastChunk only after writeChunk), opening follows the
 * predictions from there and stops short, and its quick recovery accepts the older complete set of
 * chunks. CrashSafetyTest lost every incident of a recorder killed soon after a restart that way. A
 * store opened alone in MVStore's recovery mode scans the whole file for chunks instead, and closing
 * it writes a header that names the newest.
 */
final class UncleanStop {

    private UncleanStop() {
    }

    /** Recovers {@code file} if it exists and was not closed; throws {@link StorageInUseException} if a process has it open. */
    static void recover(Path directory, Path file) {
        if (!Files.exists(file) || closedCleanly(file)) {
            return;
        }
        try {
            new MVStore.Builder().fileName(file.toString()).recoveryMode().open().close();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StorageInUseException(directory, e);
            }
            throw e;
        }
    }

    /** H2's store header, the file's first line, says "clean:1" only after a clean close. */
    private static boolean closedCleanly(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String header = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            int end = header.indexOf('\n');
            return List.of(header.substring(0, end < 0 ? header.length() : end).split(",")).contains("clean:1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store " + file, e);
        }
    }
}
