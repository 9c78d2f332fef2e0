package vigil.app.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Reads a properties file of the assets module; a missing one is a broken build, said plainly. */
final class AssetProperties {

    private AssetProperties() {
    }

    static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = AssetProperties.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing asset " + resource);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
