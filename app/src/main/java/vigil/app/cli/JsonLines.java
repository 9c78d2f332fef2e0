package vigil.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One JSON object on one line, as every {@code --json} option prints them and alerts carry them. */
public final class JsonLines {
    private static final JsonFactory JSON = new JsonFactory();

    /** Writes an object's fields. */
    public interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonLines() {
    }

    public static String object(Fields fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }
}
