package vigil.app.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import vigil.app.cli.IncidentJson;
import vigil.app.cli.JsonLines;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.RunwayStateChanged;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.NodeNames;
import vigil.storage.SiteEvent;

/** What Vigil tells the world beyond the desk, as messages; the README's "Alerts" section lists them. */
final class AlertMessages {
    static final String AVAILABLE = "available";

    private AlertMessages() {
    }

    /** A new incident as {@code vigil incidents --json} prints it, and its picture on its own topic. */
    static List<AlertMessage> recorded(Incident incident, NodeNames names, Jpeg picture) {
        return List.of(AlertMessage.json("incidents", IncidentJson.toJson(incident, names, List.of(), List.of(), clip -> null), false),
                new AlertMessage("incidents/" + incident.id() + "/picture", picture.toByteArray(), false, false));
    }

    /** Who did what to an incident, and the state it left it in. */
    static AlertMessage acted(Incident incident, IncidentAction action) {
        return AlertMessage.json("incidents/" + incident.id() + "/state", JsonLines.object(json -> {
            json.writeNumberField("id", incident.id());
            json.writeStringField("state", incident.state().name());
            json.writeStringField("action", action.kind().name());
            json.writeStringField("operator", action.operator());
            json.writeStringField("note", action.note());
            json.writeStringField("at", action.actedAt().toString());
        }), false);
    }

    static AlertMessage link(NodeAddress node, LinkState state) {
        return AlertMessage.json("nodes/" + node + "/link", JsonLines.object(json -> {
            json.writeStringField("state", state.status().name());
            json.writeStringField("since", state.since().toString());
            json.writeStringField("error", state.lastError());
        }), true);
    }

    static AlertMessage runway(NodeAddress node, RunwayStateChanged change, Instant at) {
        return AlertMessage.json("nodes/" + node + "/runways/" + change.runway().name(), JsonLines.object(json -> {
            json.writeStringField("state", change.state().name());
            json.writeStringField("since", at.toString());
        }), true);
    }

    static AlertMessage birdRisk(NodeAddress node, BirdRiskChanged change, Instant at) {
        return AlertMessage.json("nodes/" + node + "/bird_risk", JsonLines.object(json -> {
            json.writeStringField("risk", change.risk().name());
            json.writeStringField("since", at.toString());
        }), true);
    }

    /** A camera's health (retained), or a desk's sign-in alert; null for the other events, which have their own messages. */
    static AlertMessage siteEvent(SiteEvent event) {
        return switch (event.kind()) {
            case CAMERA -> AlertMessage.json("cameras/" + topicLevel(event.camera()) + "/health", JsonLines.object(json -> {
                json.writeStringField("state", event.state());
                json.writeStringField("detail", event.detail());
                json.writeStringField("since", event.occurredAt().toString());
            }), true);
            case SIGN_IN -> "ALERT".equals(event.state()) ? AlertMessage.json("system/sign_in", JsonLines.object(json -> {
                json.writeStringField("detail", event.detail());
                json.writeStringField("at", event.occurredAt().toString());
            }), false) : null;
            default -> null;
        };
    }

    static AlertMessage available(boolean online) {
        return new AlertMessage(AVAILABLE, (online ? "online" : "offline").getBytes(StandardCharsets.US_ASCII), true, false);
    }

    /** A name as one topic level: MQTT's separators and wildcards become underscores. */
    static String topicLevel(String name) {
        return name.replace('/', '_').replace('+', '_').replace('#', '_');
    }
}
