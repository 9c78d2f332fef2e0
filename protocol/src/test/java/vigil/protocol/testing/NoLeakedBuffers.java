package vigil.protocol.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty reports a leaked buffer. Netty only logs leaks (surefire
 * runs with paranoid detection), so this listens to that log; after each class it collects the
 * garbage and allocates, which is when Netty looks for leaked buffers and reports them. Registered
 * for every test class of the module (META-INF/services, junit-platform.properties).
 */
public final class NoLeakedBuffers implements BeforeAllCallback, AfterAllCallback {
    private static final Logger LEAK_LOG = Logger.getLogger(ResourceLeakDetector.class.getName());
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        LEAK_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue() && String.valueOf(record.getMessage()).contains("LEAK")) {
                    LEAKS.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LEAKS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int round = 0; round < 3 && LEAKS.isEmpty(); round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 200; i++) { // leaks are reported when buffers are allocated after the GC
                ByteBuf probe = i % 2 == 0 ? Unpooled.buffer(16) : PooledByteBufAllocator.DEFAULT.buffer(16);
                probe.release();
            }
        }
        if (!LEAKS.isEmpty()) {
            fail(LEAKS.size() + " leaked buffer(s) reported by Netty after " + context.getDisplayName() + ":\n"
                    + LEAKS.getFirst().lines().limit(12).reduce("", (a, b) -> a + b + "\n"));
        }
    }
}
