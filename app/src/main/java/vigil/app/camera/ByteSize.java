package vigil.app.camera;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as operators write them: {@code 20G}, {@code 500M}, {@code 1.5T}, {@code 4096} (decimal units, as disks are sold). */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)B?", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "KMGT";

    private ByteSize() {
    }

    /** The size in bytes; throws, naming the text, for anything else. */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (write it as 20G, 500M or a number of bytes)");
        }
        String unit = matcher.group(2).toUpperCase(Locale.ROOT);
        double scale = unit.isEmpty() ? 1 : Math.pow(1000, UNITS.indexOf(unit) + 1);
        double bytes = Double.parseDouble(matcher.group(1)) * scale;
        if (bytes < 1 || bytes > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("not a usable size: '" + text + "'");
        }
        return Math.round(bytes);
    }

    /** The size in the largest unit that keeps it at least 1, to three figures: {@code 20 G}, {@code 1.23 G}, {@code 512 B}. */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        int unit = Math.min(UNITS.length() - 1, (int) (Math.log10(bytes) / 3) - 1);
        double scaled = bytes / Math.pow(1000, unit + 1);
        String digits = scaled >= 100 ? String.format(Locale.ROOT, "%.0f", scaled)
                : scaled >= 10 ? String.format(Locale.ROOT, "%.1f", scaled) : String.format(Locale.ROOT, "%.2f", scaled);
        return digits.replaceAll("\\.?0+$", "") + " " + UNITS.charAt(unit);
    }
}
