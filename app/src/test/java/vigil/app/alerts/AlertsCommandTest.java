package vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.storage.OperatorEvent;
import vigil.storage.Storage;

/** vigil alerts, end to end with a real store and a real Mosquitto broker. */
class AlertsCommandTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private String data() {
        return work.resolve("data").toString();
    }

    @Test
    void targetsAreAddedListedTestedAndRemovedAndTheirSecretsShownNowhere() throws Exception {
        Path password = Files.writeString(work.resolve("password"), "br0ker-pass\n");
        Path secret = Files.writeString(work.resolve("secret"), "h00k-secret\n");
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            assertEquals(0, captured.vigil("alerts", "add", "mqtt", broker.url(), "--prefix", "airport/vigil", "--data", data()), () -> captured.stderr());
            assertEquals(0, captured.vigil("alerts", "add", "webhook", "https://hooks.example.org/vigil", "--secret-file", secret.toString(),
                    "--data", data()));
            assertEquals(0, captured.vigil("alerts", "add", "mqtt", "tcp://10.9.9.9:1883", "--name", "building", "--user", "vigil",
                    "--password-file", password.toString(), "--data", data()));

            assertEquals(2, captured.vigil("alerts", "add", "mqtt", "http://10.9.9.9", "--data", data()));
            assertTrue(captured.stderr().contains("an MQTT broker's URL is tcp://HOST:PORT or ssl://HOST:PORT, not 'http://10.9.9.9'"),
                    captured.stderr());
            assertEquals(2, captured.vigil("alerts", "add", "webhook", "https://x.example", "--data", data()));
            assertTrue(captured.stderr().contains("--secret-file"), captured.stderr());
            assertEquals(1, captured.vigil("alerts", "add", "webhook", "https://hooks.example.org/other", "--name", "hooks.example.org",
                    "--secret-file", secret.toString(), "--data", data()));
            assertTrue(captured.stderr().contains("there is already an alert target named 'hooks.example.org'"), captured.stderr());

            assertEquals(0, captured.vigil("alerts", "list", "--json", "--data", data()));
            assertEquals(List.of(
                    "{\"name\":\"127.0.0.1:" + broker.port() + "\",\"kind\":\"MQTT\",\"url\":\"" + broker.url()
                            + "\",\"prefix\":\"airport/vigil\",\"user\":null,\"enabled\":true,\"trusts\":null}",
                    "{\"name\":\"building\",\"kind\":\"MQTT\",\"url\":\"tcp://10.9.9.9:1883\",\"prefix\":\"vigil\",\"user\":\"vigil\","
                            + "\"enabled\":true,\"trusts\":null}",
                    "{\"name\":\"hooks.example.org\",\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.org/vigil\",\"prefix\":null,"
                            + "\"user\":null,\"enabled\":true,\"trusts\":null}"), captured.stdout().lines().toList());
            assertEquals(0, captured.vigil("alerts", "list", "--data", data()));
            assertFalse(captured.stdout().contains("br0ker-pass") || captured.stdout().contains("h00k-secret"), captured.stdout());

            assertEquals(0, captured.vigil("alerts", "test", "127.0.0.1:" + broker.port(), "--data", data()));
            assertTrue(captured.stdout().contains("OK, it took the test message"), captured.stdout());

            assertEquals(0, captured.vigil("alerts", "rule", "add", "hooks.example.org", "--class", "bird,fod", "--zone", "rwy_a",
                    "--cooldown", "120", "--quiet", "22:00-06:00", "--data", data()), () -> captured.stderr());
            assertEquals("added rule 1 to hooks.example.org: every incident, class BIRD or FOD, zone RWY_A, cooldown 120 s,"
                    + " quiet 22:00-06:00", captured.stdout().strip());
            assertEquals(2, captured.vigil("alerts", "rule", "add", "hooks.example.org", "--quiet", "22:00", "--data", data()));
            assertTrue(captured.stderr().contains("quiet hours are HH:MM-HH:MM, as 22:00-06:00: 22:00"), captured.stderr());
            assertEquals(1, captured.vigil("alerts", "rule", "add", "nobody", "--data", data()));
            assertTrue(captured.stderr().contains("no alert target named 'nobody'"), captured.stderr());
            assertEquals(0, captured.vigil("alerts", "rule", "list", "--data", data()));
            assertTrue(captured.stdout().contains("hooks.example.org") && captured.stdout().contains("cooldown 120 s"), captured.stdout());
            assertEquals(0, captured.vigil("alerts", "rule", "remove", "1", "--data", data()));
            assertEquals(1, captured.vigil("alerts", "rule", "remove", "1", "--data", data()));

            assertEquals(0, captured.vigil("alerts", "remove", "building", "--data", data()));
            assertEquals(1, captured.vigil("alerts", "remove", "building", "--data", data()));
            assertTrue(captured.stderr().contains("no alert target named 'building'"), captured.stderr());
        }
        try (Storage storage = Storage.open(Path.of(data()))) {
            List<OperatorEvent.Kind> logged = storage.operators().history(100).stream().map(OperatorEvent::kind)
                    .filter(kind -> kind.name().startsWith("ALERT_")).toList();
            assertEquals(List.of(OperatorEvent.Kind.ALERT_TARGET_REMOVED, OperatorEvent.Kind.ALERT_RULE_REMOVED,
                    OperatorEvent.Kind.ALERT_RULE_ADDED, OperatorEvent.Kind.ALERT_TARGET_ADDED,
                    OperatorEvent.Kind.ALERT_TARGET_ADDED, OperatorEvent.Kind.ALERT_TARGET_ADDED), logged, "sealed, newest first");
            assertFalse(storage.operators().history(100).stream().anyMatch(event -> String.valueOf(event.detail()).contains("br0ker-pass")
                    || String.valueOf(event.detail()).contains("h00k-secret")));
            assertTrue(storage.verify().intact());
        }
    }
}
