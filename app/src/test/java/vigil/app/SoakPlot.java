package vigil.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The soak's samples as a PNG: one panel per measure, minutes across, each panel's scale from zero. */
final class SoakPlot {
    private static final int WIDTH = 1100;
    private static final int PANEL_HEIGHT = 170;
    private static final int TOP = 50;
    private static final int LEFT = 90;
    private static final int RIGHT = 180;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728)};

    private record Line(String name, ToDoubleFunction<Soak.Sample> value) {
    }

    private record Panel(String title, List<Line> lines) {
    }

    private static final List<Panel> PANELS = List.of(
            new Panel("heap after a full GC (MB)", List.of(new Line("heap", Soak.Sample::heapMb))),
            new Panel("resident set and the heap the JVM holds (MB)", List.of(new Line("RSS", Soak.Sample::rssMb),
                    new Line("heap held", Soak.Sample::committedMb))),
            new Panel("threads and open file descriptors", List.of(new Line("threads", Soak.Sample::threads),
                    new Line("descriptors", Soak.Sample::fileDescriptors))),
            new Panel("time between frames (ms)", List.of(new Line("p50", Soak.Sample::frameP50), new Line("p95", Soak.Sample::frameP95))),
            new Panel("CPU (cores) of the console process", List.of(new Line("cores", Soak.Sample::cpuCores))));

    private SoakPlot() {
    }

    static void write(List<Soak.Sample> samples, Path png, String title) throws IOException {
        int height = TOP + PANELS.size() * PANEL_HEIGHT + 40;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        double minutes = samples.isEmpty() ? 1 : samples.getLast().minutes();
        for (int p = 0; p < PANELS.size(); p++) {
            panel(g, PANELS.get(p), samples, TOP + p * PANEL_HEIGHT, minutes);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString("minutes", WIDTH - RIGHT - 50, height - 10);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, Panel panel, List<Soak.Sample> samples, int top, double minutes) {
        int plotTop = top + 22;
        int plotHeight = PANEL_HEIGHT - 50;
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = 0;
        for (Line line : panel.lines()) {
            max = Math.max(max, samples.stream().mapToDouble(line.value()).filter(Double::isFinite).max().orElse(0));
        }
        max = niceCeiling(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), LEFT, top + 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i <= 4; i++) {
            int y = plotTop + plotHeight - i * plotHeight / 4;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = format(max * i / 4);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (int i = 0; i <= 6; i++) {
            int x = LEFT + i * plotWidth / 6;
            g.drawString(format(minutes * i / 6), x - 8, plotTop + plotHeight + 16);
        }
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, plotTop, plotWidth, plotHeight);
        for (int l = 0; l < panel.lines().size(); l++) {
            Line line = panel.lines().get(l);
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (Soak.Sample sample : samples) {
                double v = line.value().applyAsDouble(sample);
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = LEFT + sample.minutes() / minutes * plotWidth;
                double y = plotTop + plotHeight - v / max * plotHeight;
                if (started) {
                    path.lineTo(x, y);
                } else {
                    path.moveTo(x, y);
                    started = true;
                }
            }
            g.setColor(COLORS[l % COLORS.length]);
            g.setStroke(new BasicStroke(2));
            g.draw(path);
            g.drawString(line.name(), LEFT + plotWidth + 12, plotTop + 14 + l * 16);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
