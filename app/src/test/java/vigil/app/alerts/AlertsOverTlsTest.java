package vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;

/**
 * Alert targets of the site's own over TLS: Debian's Mosquitto, and a webhook receiver (the JDK's
 * HTTPS server), each with a certificate signed by a certificate authority made for the test
 * (Debian's openssl), which Vigil trusts from the file given to {@code vigil alerts add --ca-file},
 * and no other.
 */
class AlertsOverTlsTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private Path site;
    private Path stranger;
    private String data;

    /** The site's authority, a stranger's, and a certificate for 127.0.0.1 signed by the site's. */
    @BeforeEach
    void certificates() throws Exception {
        site = authority("Vigil test site");
        stranger = authority("Somebody else");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", work.resolve("server.key").toString(),
                "-out", work.resolve("server.csr").toString(), "-subj", "/CN=127.0.0.1");
        Files.writeString(work.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", work.resolve("server.csr").toString(), "-CA", site.toString(), "-CAkey", key(site).toString(),
                "-CAcreateserial", "-days", "2", "-extfile", work.resolve("server.ext").toString(), "-out", work.resolve("server.pem").toString());
        data = work.resolve("data").toString();
    }

    @Test
    void aBrokerSignedByTheSitesOwnAuthorityIsTrustedWithItsCertificateAndOnlyThat() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startTls(site, work.resolve("server.pem"), work.resolve("server.key"))) {
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
                work.resolve("server.ext").toString(), "--data", data));
        assertTrue(captured.stderr().contains("not a PEM certificate (-----BEGIN CERTIFICATE-----)"), captured.stderr());
    }

    @Test
    void aWebhookReceiverSignedByTheSitesOwnAuthorityIsTrustedWithItsCertificateAndOnlyThat() throws Exception {
        openssl("pkcs12", "-export", "-in", work.resolve("server.pem").toString(), "-inkey", work.resolve("server.key").toString(),
                "-out", work.resolve("server.p12").toString(), "-passout", "pass:test");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(work.resolve("server.p12"))) {
            keys.load(in, "test".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "test".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(tls));
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "https://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Path secret = Files.writeString(work.resolve("secret"), "s3cret\n");
            assertEquals(0, captured.vigil("alerts", "add", "webhook", url, "--name", "ops", "--secret-file", secret.toString(),
                    "--ca-file", site.toString(), "--data", data), captured.stderr());
            assertEquals(0, captured.vigil("alerts", "add", "webhook", url, "--name", "stranger", "--secret-file", secret.toString(),
                    "--ca-file", stranger.toString(), "--data", data), captured.stderr());
            assertEquals(0, captured.vigil("alerts", "test", "ops", "--seconds", "10", "--data", data), captured.stdout());
            assertTrue(received.poll(10, TimeUnit.SECONDS).contains("\"from\":\"vigil alerts test\""), "the test message, over TLS");

            assertEquals(1, captured.vigil("alerts", "test", "stranger", "--seconds", "3", "--data", data), captured.stdout());
            assertTrue(captured.stdout().startsWith("stranger: FAILED: "), captured.stdout());
            assertTrue(received.poll(1, TimeUnit.SECONDS) == null, "nothing from a client that does not trust the receiver");
        } finally {
            receiver.stop(0);
        }
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
