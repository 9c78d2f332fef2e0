package vigil.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** What the end-to-end benchmarks measure with: CPU time of this process, of its threads and of child processes. */
final class BenchmarkClock {

    private BenchmarkClock() {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time so far by group of threads, {@code group} naming each thread's group. */
    static Map<String, Long> threadCpu(Function<String, String> group) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = bean.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                groups.merge(group.apply(info.getThreadName()), nanos, Long::sum);
            }
        }
        return groups;
    }

    /** The CPU time of child processes (FFmpeg), added. */
    static long cpuOf(List<Process> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("ffmpeg ended early")).toNanos()).sum();
    }

    static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not there in " + patience.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    static double quantile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.round(q * (sorted.length - 1)))];
    }
}
