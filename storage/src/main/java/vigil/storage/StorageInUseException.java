package vigil.storage;

import java.nio.file.Path;

/** Another process (a console or a recorder) has the data directory open. */
public final class StorageInUseException extends RuntimeException {

    StorageInUseException(Path dataDirectory, Throwable cause) {
        super("the incident database in " + dataDirectory + " is in use by another Vigil process"
                + " (a console or `vigil record`); stop it, or use another --data directory", cause);
    }
}
