package vigil.storage;

import java.nio.file.Path;

/** A second process for the tests: opens a store, says so, and keeps it open until killed. */
public final class HoldStorageOpen {

    public static void main(String[] args) throws InterruptedException {
        try (Storage storage = Storage.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
