package vigil.app.camera;

/** What a camera sends: codec, picture size, frame rate (0 when the stream does not say). */
public record StreamInfo(String codec, int width, int height, double frameRate) {

    @Override
    public String toString() {
        return codec + " " + width + "x" + height + (frameRate > 0 ? String.format(" %.3g fps", frameRate) : "");
    }
}
