package vigil.app.evidence;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vigil.storage.Clip;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.NodeNames;

/** The readable parts of an evidence package: a CSV for spreadsheets and an HTML report for people. */
final class IncidentTables {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());
    private static final List<String> COLUMNS = List.of("id", "node", "event_type", "object_id", "class", "x", "y", "zone",
            "node_timestamp", "received_at", "rescue_level", "image_sha256", "state", "priority", "evidence_hold", "actions", "clips", "camera", "reported_by",
            "node_name");

    private IncidentTables() {
    }

    /** A clip in one line: camera, file and times, or why there is no file. */
    private static String clipLine(Clip clip) {
        String what = clip.hasFile() ? EvidencePackage.clipPath(clip) + " " + clip.firstFrame() + " to " + clip.lastFrame()
                : clip.removed() ? "removed to keep clip storage within its quota" : "missing: " + clip.missing();
        return clip.camera() + ": " + what;
    }

    static String csv(List<Incident> incidents, NodeNames names, Map<Long, List<IncidentAction>> actions, Map<Long, List<Clip>> clips) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Incident i : incidents) {
            String history = actions.get(i.id()).stream()
                    .map(a -> a.actedAt() + " " + a.operator() + " " + a.kind() + (a.note() == null ? "" : ": " + a.note()))
                    .collect(Collectors.joining(" | "));
            List<Object> row = List.of(i.id(), i.isOperatorReport() ? "" : i.node(), i.type(), i.objectId(), i.objectClass(), i.x(), i.y(), i.zone(),
                    i.nodeTimestamp().text(), i.receivedAt(), i.rescueLevel() == null ? "" : i.rescueLevel(), i.imageSha256(),
                    i.state(), i.priority(), i.evidenceHold(), history,
                    clips.get(i.id()).stream().map(IncidentTables::clipLine).collect(Collectors.joining(" | ")),
                    i.isOperatorReport() ? i.camera() : "", i.isOperatorReport() ? i.reportedBy() : "",
                    i.isOperatorReport() ? "" : names.chosen().getOrDefault(i.node(), ""));
            csv.append(row.stream().map(value -> csvField(String.valueOf(value))).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static String csvField(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    static String html(List<Incident> incidents, NodeNames names, Map<Long, List<IncidentAction>> actions, Map<Long, List<Clip>> clips) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Vigil evidence package</title>
                <style>
                body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1c2128; }
                h1 { font-size: 1.4rem; } .incident { display: flex; gap: 1.5rem; border-top: 1px solid #d0d7de; padding: 1rem 0; }
                .incident img { width: 320px; height: 240px; object-fit: contain; background: #222; border-radius: 4px; }
                table { border-collapse: collapse; } td, th { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; }
                video { width: 480px; background: #222; border-radius: 4px; display: block; margin-top: .5rem; }
                th { color: #57606a; font-weight: 500; } .RESCUE { color: #b3261e; } .HAZARD { color: #9a6700; } .UNAUTH { color: #0550ae; } .OPERATOR { color: #6639ba; }
                </style></head><body>
                """);
        html.append("<h1>Vigil evidence package: ").append(incidents.size()).append(" incident")
                .append(incidents.size() == 1 ? "" : "s").append("</h1>\n");
        for (Incident i : incidents) {
            html.append("<section class=\"incident\"><img src=\"images/").append(i.imageSha256()).append(".jpg\" alt=\"")
                    .append(i.objectClass()).append("\"><div><h2 class=\"").append(i.type()).append("\">Incident ")
                    .append(i.id()).append(": ").append(i.type()).append(", ")
                    .append(i.isOperatorReport() ? escape(i.camera()) : i.objectClass()).append(" in ")
                    .append(i.zone()).append("</h2><table>");
            row(html, "Received", LOCAL.format(i.receivedAt()));
            if (i.isOperatorReport()) {
                row(html, "Reported by", i.reportedBy() + ", from camera " + i.camera());
            } else {
                row(html, "Node time", i.nodeTimestamp().text().isEmpty() ? "(none)" : i.nodeTimestamp().text());
                row(html, "Node", escape(names.withAddress(i.node())));
                row(html, "Object", i.objectId() + " at " + i.x() + ", " + i.y() + (i.rescueLevel() == null ? "" : ", rescue level " + i.rescueLevel()));
            }
            row(html, "State", i.state() + (i.evidenceHold() ? " (evidence hold)" : ""));
            row(html, "Image SHA-256", i.imageSha256());
            for (IncidentAction a : actions.get(i.id())) {
                row(html, LOCAL.format(a.actedAt()), a.operator() + ": " + a.kind() + (a.note() == null ? "" : ": " + a.note()));
            }
            for (Clip clip : clips.get(i.id())) {
                row(html, "Clip, " + clip.camera(), clip.hasFile()
                        ? LOCAL.format(clip.firstFrame()) + " to " + LOCAL.format(clip.lastFrame()) + ", SHA-256 " + clip.sha256()
                        : clipLine(clip));
            }
            html.append("</table>");
            for (Clip clip : clips.get(i.id())) {
                if (clip.hasFile()) {
                    html.append("<video controls preload=\"metadata\" src=\"").append(EvidencePackage.clipPath(clip))
                            .append("\" title=\"").append(escape(clip.camera())).append("\"></video>");
                }
            }
            html.append("</div></section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
