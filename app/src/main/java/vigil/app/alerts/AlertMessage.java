package vigil.app.alerts;

import java.nio.charset.StandardCharsets;

/**
 * One thing to tell the targets: its topic under a target's prefix ({@code incidents},
 * {@code nodes/10.0.0.5:5100/link}), its payload, whether a broker keeps it for whoever subscribes
 * later (a state), and whether it is JSON (a picture is not: webhooks are sent only JSON).
 */
public record AlertMessage(String topic, byte[] payload, boolean retained, boolean json) {

    static AlertMessage json(String topic, String json, boolean retained) {
        return new AlertMessage(topic, json.getBytes(StandardCharsets.UTF_8), retained, true);
    }
}
