package vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;

/**
 * An MQTT broker of the site's own over TLS: Debian's Mosquitto with a certificate signed by a
 * certificate authority made for the test (Debian's openssl), which Vigil trusts from the file
 * given to {@code vigil alerts add --ca-file}, and no other.
 */
class MqttTlsTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    @Test
    void aBrokerSignedByTheSitesOwnAuthorityIsTrustedWithItsCertificateAndOnlyThat() throws Exception {
        Path site = authority("Vigil test site");
        Path stranger = authority("Somebody else");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", work.resolve("broker.key").toString(),
                "-out", work.resolve("broker.csr").toString(), "-subj", "/CN=127.0.0.1");
        Files.writeString(work.resolve("broker.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", work.resolve("broker.csr").toString(), "-CA", site.toString(), "-CAkey", key(site).toString(),
                "-CAcreateserial", "-days", "2", "-extfile", work.resolve("broker.ext").toString(), "-out", work.resolve("broker.pem").toString());
        String data = work.resolve("data").toString();
        try (MosquittoBroker broker = MosquittoBroker.startTls(site, work.resolve("broker.pem"), work.resolve("broker.key"))) {
            String url = "ssl://127.0.0.1:" + broker.port();
            assertEquals(0, captured.vigil("alerts", "add", "mqtt", url, "--name", "site broker", "--ca-file", site.toString(), "--data", data),
                    captured.stderr());
            assertEquals(0, captured.vigil("alerts", "add", "mqtt", url, "--name", "stranger", "--ca-file", stranger.toString(), "--data", data),
                    captured.stderr());
            assertEquals(0, captured.vigil("alerts", "list", "--data", data));
            assertTrue(captured.stdout().contains("vigil         " + url + "  (trusting CN=Vigil test site)"), captured.stdout());

            Mqtt5BlockingClient watcher = Mqtt5Client.builder().identifier("watcher-" + System.nanoTime()).serverHost("127.0.0.1")
                    .serverPort(broker.port()).sslConfig().trustManagerFactory(SiteAuthority.trustManagers(certificate(site))).applySslConfig()
                    .buildBlocking();
            watcher.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith().topicFilter("vigil/system/test").qos(MqttQos.AT_LEAST_ONCE).send();
                assertEquals(0, captured.vigil("alerts", "test", "site broker", "--seconds", "10", "--data", data), captured.stdout());
                assertEquals("site broker: OK, it took the test message\n", captured.stdout());
                assertTrue(seen.receive(10, TimeUnit.SECONDS).isPresent(), "the test message, over TLS");

                assertEquals(1, captured.vigil("alerts", "test", "stranger", "--seconds", "3", "--data", data), captured.stdout());
                assertTrue(captured.stdout().startsWith("stranger: FAILED: no answer in 3 s (last: "), captured.stdout());
                assertTrue(captured.stdout().contains("certification path"), captured.stdout());
                assertTrue(seen.receive(2, TimeUnit.SECONDS).isEmpty(), "nothing from a client that does not trust the broker");
            } finally {
                watcher.disconnect();
            }
        }
        assertEquals(2, captured.vigil("alerts", "add", "mqtt", "tcp://127.0.0.1:1883", "--name", "plain", "--ca-file", site.toString(),
                "--data", data));
        assertTrue(captured.stderr().contains("an authority's certificate is for TLS: ssl:// or https://, not 'tcp://127.0.0.1:1883'"),
                captured.stderr());
        assertEquals(2, captured.vigil("alerts", "add", "mqtt", "ssl://127.0.0.1:8883", "--name", "bad", "--ca-file",
                work.resolve("broker.ext").toString(), "--data", data));
        assertTrue(captured.stderr().contains("not a PEM certificate (-----BEGIN CERTIFICATE-----)"), captured.stderr());
    }

    /** A self-signed certificate authority: its certificate's file, its key beside it. */
    private Path authority(String name) throws Exception {
        Path certificate = work.resolve(name.replace(' ', '-') + ".pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key(certificate).toString(),
                "-out", certificate.toString(), "-days", "2", "-subj", "/CN=" + name);
        return certificate;
    }

    private static Path key(Path certificate) {
        return certificate.resolveSibling(certificate.getFileName() + ".key");
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private void openssl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "/usr/bin/openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "openssl " + String.join(" ", arguments) + ": " + output);
    }
}
