package vigil.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import vigil.storage.Clip;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.NodeNames;

/**
 * An incident, its history and its clips as one JSON object: every field the store keeps. A clip's
 * {@code file} is where its file is ({@code fileOf}), null when it has none: then {@code missing}
 * says why, or {@code removed} that the quota took it.
 */
public final class IncidentJson {
    private static final JsonFactory JSON = new JsonFactory();

    private IncidentJson() {
    }

    public static String toJson(Incident incident, NodeNames names, List<IncidentAction> actions, List<Clip> clips, Function<Clip, String> fileOf) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            write(json, incident, names, actions, clips, fileOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static void write(JsonGenerator json, Incident incident, NodeNames names, List<IncidentAction> actions, List<Clip> clips,
                             Function<Clip, String> fileOf) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", incident.id());
        json.writeStringField("node", incident.isOperatorReport() ? null : incident.node().toString());
        json.writeStringField("eventType", incident.type().name());
        json.writeNumberField("objectId", incident.objectId());
        json.writeStringField("class", incident.objectClass().name());
        json.writeNumberField("x", incident.x());
        json.writeNumberField("y", incident.y());
        json.writeStringField("zone", incident.zone().name());
        json.writeStringField("nodeTimestamp", incident.nodeTimestamp().text());
        json.writeStringField("nodeTime", incident.nodeTimestamp().instant() == null ? null : incident.nodeTimestamp().instant().toString());
        json.writeStringField("receivedAt", incident.receivedAt().toString());
        if (incident.rescueLevel() == null) {
            json.writeNullField("rescueLevel");
        } else {
            json.writeNumberField("rescueLevel", incident.rescueLevel());
        }
        json.writeStringField("imageSha256", incident.imageSha256());
        json.writeStringField("state", incident.state().name());
        json.writeNumberField("priority", incident.priority());
        json.writeBooleanField("evidenceHold", incident.evidenceHold());
        json.writeStringField("camera", incident.camera());
        json.writeStringField("reportedBy", incident.reportedBy());
        json.writeStringField("nodeName", incident.isOperatorReport() ? null : names.chosen().get(incident.node()));
        json.writeArrayFieldStart("actions");
        for (IncidentAction action : actions) {
            json.writeStartObject();
            json.writeNumberField("id", action.id());
            json.writeStringField("action", action.kind().name());
            json.writeStringField("note", action.note());
            json.writeStringField("operator", action.operator());
            json.writeStringField("actedAt", action.actedAt().toString());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("clips");
        for (Clip clip : clips) {
            json.writeStartObject();
            json.writeStringField("camera", clip.camera());
            json.writeStringField("file", clip.hasFile() ? fileOf.apply(clip) : null);
            json.writeStringField("sha256", clip.sha256());
            json.writeStringField("start", clip.firstFrame() == null ? null : clip.firstFrame().toString());
            json.writeStringField("end", clip.lastFrame() == null ? null : clip.lastFrame().toString());
            if (clip.bytes() == null) {
                json.writeNullField("bytes");
            } else {
                json.writeNumberField("bytes", clip.bytes());
            }
            json.writeStringField("codec", clip.codec());
            if (clip.missing() != null) {
                json.writeStringField("missing", clip.missing());
            }
            if (clip.removed()) {
                json.writeBooleanField("removed", true);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
