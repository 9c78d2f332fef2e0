package vigil.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vigil.app.evidence.SigningKey;

/** {@code vigil keys}: the installation's public key, to publish, so that others can check its packages. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Print this installation's public signing key (PEM) and its fingerprint, which vigil verify prints for the packages it signed.")
public final class KeysCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        SigningKey key = SigningKey.of(data.directory());
        System.out.println("fingerprint " + SigningKey.fingerprint(key.publicKey()));
        System.out.print(SigningKey.pem(key.publicKey()));
        return 0;
    }
}
