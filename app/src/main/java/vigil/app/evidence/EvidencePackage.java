package vigil.app.evidence;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import vigil.app.cli.IncidentJson;
import vigil.protocol.wire.Jpeg;
import vigil.storage.ActionKind;
import vigil.storage.Clip;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.NodeNames;
import vigil.storage.IncidentPage;
import vigil.storage.IncidentQuery;
import vigil.storage.Storage;

/**
 * An evidence package: a zip of every selected incident's picture ({@code images/<sha256>.jpg}) and
 * clips ({@code clips/<sha256>.mp4}), {@code incidents.csv} and {@code incidents.json} with every
 * field, action and clip, a {@code report.html} to read (and play the clips in), and a {@code manifest.json} with the SHA-256 of every file and, as
 * {@code manifestSha256}, of its own text with that value left empty. The manifest is signed with
 * the installation's Ed25519 key: {@code manifest.sig} holds the raw signature of {@code manifest.json}'s
 * bytes and {@code signer.pub.pem} the public key, so that openssl can check it too
 * ({@code openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in manifest.json -sigfile manifest.sig}).
 * Exporting puts each incident on evidence hold and records the export in its history.
 */
public final class EvidencePackage {
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String SIGNER = "signer.pub.pem";
    private static final JsonFactory JSON = new JsonFactory();
    /** The manifest of half a million files. */
    static final int MAX_MANIFEST_BYTES = 64 << 20;
    static final int MAX_INFLATION = 200;
    private static final Pattern SELF_HASH = Pattern.compile("\"manifestSha256\":\"([0-9a-f]{64})\"");

    private EvidencePackage() {
    }

    /** Writes the package for the incidents that match; returns how many. {@code progress} hears each incident done. */
    public static int export(Storage storage, IncidentQuery query, Path out, String operator, SigningKey key, IntConsumer progress)
            throws IOException, InterruptedException, ExecutionException {
        List<Incident> incidents = new ArrayList<>();
        for (IncidentPage.Cursor cursor = null; ; ) {
            IncidentPage page = storage.incidents().search(query, cursor, 500);
            incidents.addAll(page.incidents());
            if ((cursor = page.next()) == null) {
                break;
            }
        }
        return export(storage, incidents, out, operator, key, progress);
    }

    /** Writes the package for these incidents (the console's selection); returns how many. */
    public static int export(Storage storage, List<Incident> incidents, Path out, String operator, SigningKey key, IntConsumer progress)
            throws IOException, InterruptedException, ExecutionException {
        // The history handed over includes the hand-over. All at once, so the writer batches them.
        List<CompletableFuture<Incident>> exports = new ArrayList<>(incidents.size());
        for (Incident incident : incidents) {
            exports.add(storage.incidents().act(incident.id(), ActionKind.EXPORT, operator, "evidence package " + out.getFileName()));
        }
        CompletableFuture.allOf(exports.toArray(CompletableFuture[]::new)).get();
        Map<Long, List<IncidentAction>> actions = new LinkedHashMap<>();
        Map<Long, List<Clip>> clips = new LinkedHashMap<>();
        for (Incident incident : incidents) {
            actions.put(incident.id(), storage.incidents().actions(incident.id()));
            clips.put(incident.id(), storage.clips().of(incident.id()));
        }

        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try {
            write(storage, incidents, actions, clips, partial, operator, key, progress);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            // The history is append-only: the export stays recorded, and now says that no package came of it.
            List<CompletableFuture<Incident>> notes = new ArrayList<>(incidents.size());
            for (Incident incident : incidents) {
                notes.add(storage.incidents().act(incident.id(), ActionKind.NOTE, operator, "evidence package " + out.getFileName()
                        + " was not written: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
            }
            CompletableFuture.allOf(notes.toArray(CompletableFuture[]::new)).get();
            throw e;
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return incidents.size();
    }

    private static void write(Storage storage, List<Incident> incidents, Map<Long, List<IncidentAction>> actions,
                              Map<Long, List<Clip>> clips, Path partial, String operator, SigningKey key, IntConsumer progress) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
            Set<String> images = new LinkedHashSet<>();
            int done = 0;
            for (Incident incident : incidents) {
                if (images.add(incident.imageSha256())) {
                    Jpeg image = storage.incidents().image(incident.imageSha256()).orElseThrow();
                    try (InputStream bytes = image.openStream()) {
                        hashes.put(imagePath(incident), entry(zip, imagePath(incident), bytes));
                    }
                }
                for (Clip clip : clips.get(incident.id())) {
                    if (clip.hasFile() && !hashes.containsKey(clipPath(clip))) {
                        String sha256;
                        try (InputStream bytes = Files.newInputStream(storage.clips().file(clip))) {
                            sha256 = entry(zip, clipPath(clip), bytes);
                        }
                        if (!sha256.equals(clip.sha256())) { // never hand over as evidence what is not what was recorded
                            throw new IOException("the clip of incident " + incident.id() + " from " + clip.camera() + " ("
                                    + clip.fileName() + ") has been altered since it was recorded; vigil verify --data names what else has");
                        }
                        hashes.put(clipPath(clip), sha256);
                    }
                }
                progress.accept(++done);
            }
            hashes.put("incidents.csv", entry(zip, "incidents.csv", IncidentTables.csv(incidents, storage.nodeNames(), actions, clips)));
            hashes.put("incidents.json", entry(zip, "incidents.json", json(incidents, storage.nodeNames(), actions, clips)));
            hashes.put("report.html", entry(zip, "report.html", IncidentTables.html(incidents, storage.nodeNames(), actions, clips)));
            byte[] manifest = manifest(hashes, incidents.size(), operator);
            entry(zip, MANIFEST, manifest);
            entry(zip, SIGNATURE, key.sign(manifest));
            entry(zip, SIGNER, SigningKey.pem(key.publicKey()));
        }
    }

    /**
     * What checking a package found: the problems (none: it is whole), each file checked with its
     * hash, and the key that signed the manifest (null when there is no good signature).
     */
    public record Verification(List<String> problems, Map<String, String> checked, PublicKey signer) {
    }

    /**
     * Checks a package: the manifest's signature, every file against the manifest, and the manifest
     * against its own hash. A hostile package (a name twice, a name that climbs out of a folder, an
     * entry that inflates far beyond anything Vigil writes) is named, never followed or inflated
     * whole. Throws only when the file is not a zip that can be read at all.
     */
    public static Verification verify(Path zipFile) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> checked = new LinkedHashMap<>();
        PublicKey signer = null;
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            checkNames(zip, problems);
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null) {
                problems.add("no " + MANIFEST + " in " + zipFile);
                return new Verification(problems, checked, null);
            }
            byte[] manifestBytes;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifestBytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            }
            if (manifestBytes.length > MAX_MANIFEST_BYTES) {
                problems.add(MANIFEST + " is larger than " + (MAX_MANIFEST_BYTES >> 20) + " MiB: not a manifest Vigil wrote");
                return new Verification(problems, checked, null);
            }
            signer = checkSignature(zip, manifestBytes, problems);
            String manifest = new String(manifestBytes, StandardCharsets.UTF_8);
            Matcher self = SELF_HASH.matcher(manifest);
            if (!self.find()) {
                problems.add(MANIFEST + " has no manifestSha256");
                return new Verification(problems, checked, signer);
            }
            String expectedSelf = self.group(1);
            String actualSelf = sha256(self.replaceFirst("\"manifestSha256\":\"\"").getBytes(StandardCharsets.UTF_8));
            if (!actualSelf.equals(expectedSelf)) {
                problems.add(MANIFEST + " has been changed (its content hashes to " + actualSelf + ")");
            }
            Map<String, String> listed = new LinkedHashMap<>();
            Matcher file = Pattern.compile("\\{\"path\":\"([^\"]+)\",\"sha256\":\"([0-9a-f]{64})\"").matcher(manifest);
            while (file.find()) {
                listed.put(file.group(1), file.group(2));
            }
            for (var listedFile : listed.entrySet()) {
                ZipEntry entry = zip.getEntry(listedFile.getKey());
                if (entry == null) {
                    problems.add(listedFile.getKey() + " is missing");
                    continue;
                }
                String actual = hashWithinBounds(zip, entry);
                if (actual == null) {
                    problems.add(listedFile.getKey() + " inflates to more than " + MAX_INFLATION + " times its packed size: not a file Vigil wrote"
                            + " (a zip bomb?); not read further");
                    continue;
                }
                if (!actual.equals(listedFile.getValue())) {
                    problems.add(listedFile.getKey() + " has been changed (it hashes to " + actual + ")");
                }
                checked.put(listedFile.getKey(), actual);
            }
            zip.stream().map(ZipEntry::getName)
                    .filter(name -> !name.equals(MANIFEST) && !name.equals(SIGNATURE) && !name.equals(SIGNER) && !listed.containsKey(name))
                    .forEach(name -> problems.add(name + " is not in the manifest"));
        }
        return new Verification(problems, checked, signer);
    }

    /** Names an entry that appears twice (an unzip tool could show either) or that climbs out of the package's folder. */
    private static void checkNames(ZipFile zip, List<String> problems) {
        Set<String> seen = new HashSet<>();
        zip.stream().map(ZipEntry::getName).forEach(name -> {
            if (!seen.add(name)) {
                problems.add(name + " is in the package more than once: a reader could be shown a copy other than the one checked");
            }
            if (name.startsWith("/") || name.contains("\\") || name.contains("\0") || Arrays.asList(name.split("/")).contains("..")) {
                problems.add("the entry name '" + name.replace("\0", "\\0") + "' reaches outside the package: not a name Vigil writes");
            }
        });
    }

    /**
     * The SHA-256 of an entry, or null when it inflates beyond {@link #MAX_INFLATION} times its
     * packed size (and a mebibyte): Vigil's pictures and clips barely compress, its text about ten to one.
     */
    private static String hashWithinBounds(ZipFile zip, ZipEntry entry) throws IOException {
        long budget = Math.max(0, entry.getCompressedSize()) * MAX_INFLATION + (1 << 20);
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > budget) {
                    return null;
                }
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The key whose good signature the manifest bears, or null, with the reason added to {@code problems}. */
    private static PublicKey checkSignature(ZipFile zip, byte[] manifest, List<String> problems) throws IOException {
        ZipEntry signatureEntry = zip.getEntry(SIGNATURE);
        ZipEntry signerEntry = zip.getEntry(SIGNER);
        if (signatureEntry == null || signerEntry == null) {
            problems.add("the manifest is not signed (no " + (signatureEntry == null ? SIGNATURE : SIGNER) + ")");
            return null;
        }
        PublicKey signer;
        try (InputStream pem = zip.getInputStream(signerEntry)) {
            signer = SigningKey.readPublic(new String(pem.readNBytes(4096), StandardCharsets.US_ASCII), SIGNER);
        } catch (IOException notAKey) { // the rest is still checked, and the package is not shown as signed
            problems.add(notAKey.getMessage());
            return null;
        }
        byte[] signature = zip.getInputStream(signatureEntry).readNBytes(1024);
        if (!SigningKey.verify(signer, manifest, signature)) {
            problems.add("the manifest's signature does not match it: " + MANIFEST + " or " + SIGNATURE + " has been changed");
            return null;
        }
        return signer;
    }

    private static String imagePath(Incident incident) {
        return "images/" + incident.imageSha256() + ".jpg";
    }

    static String clipPath(Clip clip) {
        return "clips/" + clip.fileName();
    }

    private static String entry(ZipOutputStream zip, String path, String text) throws IOException {
        return entry(zip, path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String entry(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        return entry(zip, path, new java.io.ByteArrayInputStream(bytes));
    }

    /** Streams a file into the zip, hashing what went in: a clip is not read into memory whole. */
    private static String entry(ZipOutputStream zip, String path, InputStream in) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        String sha256 = sha256(in, zip);
        zip.closeEntry();
        return sha256;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] json(List<Incident> incidents, NodeNames names, Map<Long, List<IncidentAction>> actions, Map<Long, List<Clip>> clips)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator((OutputStream) bytes, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Incident incident : incidents) {
                IncidentJson.write(json, incident, names, actions.get(incident.id()), clips.get(incident.id()), EvidencePackage::clipPath);
            }
            json.writeEndArray();
        }
        return bytes.toByteArray();
    }

    /** The manifest, its own hash computed over its text with that hash left empty. */
    private static byte[] manifest(Map<String, String> hashes, int incidents, String operator) throws IOException {
        String created = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atZone(ZoneId.of("UTC")));
        String unsigned = manifestText(hashes, incidents, operator, created, "");
        return manifestText(hashes, incidents, operator, created, sha256(unsigned.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String manifestText(Map<String, String> hashes, int incidents, String operator, String created,
                                       String selfHash) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator((OutputStream) bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("format", "vigil evidence package 1");
            json.writeStringField("created", created);
            json.writeStringField("operator", operator);
            json.writeNumberField("incidents", incidents);
            json.writeArrayFieldStart("files");
            for (var file : hashes.entrySet()) {
                json.writeStartObject();
                json.writeStringField("path", file.getKey());
                json.writeStringField("sha256", file.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("manifestSha256", selfHash);
            json.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Jpeg.sha256(bytes));
    }

    /** Copies {@code in} to {@code out}, returning the SHA-256 of what was copied. */
    private static String sha256(InputStream in, OutputStream out) throws IOException {
        DigestInputStream hashing = new DigestInputStream(in, sha256Digest());
        hashing.transferTo(out);
        return HexFormat.of().formatHex(hashing.getMessageDigest().digest());
    }
}
