package vigil.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.AuthorityUpdated;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.BirdRiskLog;
import vigil.protocol.wire.CameraStarted;
import vigil.protocol.wire.CameraStopped;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectImage;
import vigil.protocol.wire.ObjectLog;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.PilotRequestLog;
import vigil.protocol.wire.RunwayStateChanged;

/**
 * One decoded message as one line of JSON, the output of {@code vigil tap}. The keys are a
 * contract for scripts (README.md lists them): {@code type} is the wire prefix, an {@code AH_}
 * reply is printed with its {@code AR_} type and {@code "dialect":"AH"}, and what the decoder
 * rejected is {@code "type":"INVALID"} with its {@code reason}.
 */
public final class MessageJson {
    private static final JsonFactory JSON = new JsonFactory();

    private MessageJson() {
    }

    public static String toJson(NodeMessage message) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("type", message.type().name());
            fields(message, json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return text.toString();
    }

    private static void fields(NodeMessage message, JsonGenerator json) throws IOException {
        switch (message) {
            case ObjectSnapshot snapshot -> {
                json.writeArrayFieldStart("objects");
                for (DetectedObject object : snapshot.objects()) {
                    json.writeStartObject();
                    json.writeNumberField("id", object.id());
                    json.writeStringField("class", object.objectClass().name());
                    json.writeNumberField("x", object.x());
                    json.writeNumberField("y", object.y());
                    json.writeStringField("area", object.area().wireName());
                    nullableNumber(json, "rescueLevel", object.rescueLevel());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            case FirstDetection detection -> {
                json.writeStringField("eventType", detection.eventType().name());
                json.writeNumberField("id", detection.objectId());
                json.writeStringField("class", detection.objectClass().name());
                json.writeNumberField("x", detection.x());
                json.writeNumberField("y", detection.y());
                json.writeStringField("area", detection.area().wireName());
                json.writeStringField("timestamp", detection.timestamp().text());
                nullableNumber(json, "rescueLevel", detection.rescueLevel());
                image(json, detection.image());
            }
            case BirdRiskChanged change -> json.writeNumberField("level", change.risk().code());
            case RunwayStateChanged change -> json.writeNumberField("state", change.state().code());
            case AuthorityLevels levels -> {
                dialect(json, levels.dialect());
                json.writeBooleanField("ok", true);
                json.writeArrayFieldStart("levels");
                for (AuthorityLevel level : levels.levels()) {
                    json.writeNumber(level.code());
                }
                json.writeEndArray();
            }
            case AuthorityUpdated updated -> {
                dialect(json, updated.dialect());
                json.writeBooleanField("ok", true);
            }
            case CameraStarted started -> json.writeBooleanField("ok", true);
            case CameraStopped stopped -> json.writeBooleanField("ok", true);
            case ObjectDetail detail -> {
                json.writeBooleanField("ok", true);
                json.writeStringField("eventType", detail.eventType() == null ? null : detail.eventType().name());
                json.writeNumberField("id", detail.objectId());
                json.writeStringField("class", detail.objectClass().name());
                json.writeStringField("area", detail.area().wireName());
                json.writeStringField("timestamp", detail.timestamp().text());
                image(json, detail.image());
            }
            case ObjectImage image -> {
                json.writeBooleanField("ok", true);
                image(json, image.image());
            }
            case ObjectLog log -> records(json, log.entries().stream().map(e -> List.of(e.eventType().name(),
                    Long.toString(e.objectId()), e.objectClass().name(), e.area().wireName(), e.timestamp().text())).toList());
            case BirdRiskLog log -> records(json, log.entries().stream().map(e -> List.of(
                    Integer.toString(e.risk().code()), e.timestamp().text())).toList());
            case PilotRequestLog log -> records(json, log.entries().stream().map(e -> List.of(
                    Integer.toString(e.request().code()), Integer.toString(e.response().code()),
                    e.requestTime().text(), e.responseTime().text())).toList());
            case ErrorReply error -> {
                dialect(json, error.dialect());
                json.writeBooleanField("ok", false);
                nullableNumber(json, "error", error.code());
            }
            case CommandRejected rejected -> {
                json.writeBooleanField("ok", false);
                json.writeStringField("error", rejected.text());
            }
            case InvalidMessage invalid -> {
                json.writeStringField("failure", invalid.failure().name());
                json.writeStringField("reason", invalid.reason());
                json.writeStringField("excerpt", invalid.excerpt());
            }
        }
    }

    private static void image(JsonGenerator json, Jpeg image) throws IOException {
        json.writeNumberField("imageSize", image.size());
        json.writeStringField("imageSha256", image.sha256Hex());
    }

    private static void records(JsonGenerator json, List<List<String>> records) throws IOException {
        json.writeBooleanField("ok", true);
        json.writeArrayFieldStart("records");
        for (List<String> record : records) {
            json.writeStartArray();
            for (String field : record) {
                json.writeString(field);
            }
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    private static void dialect(JsonGenerator json, Dialect dialect) throws IOException {
        if (dialect == Dialect.AH) {
            json.writeStringField("dialect", "AH");
        }
    }

    private static void nullableNumber(JsonGenerator json, String field, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
