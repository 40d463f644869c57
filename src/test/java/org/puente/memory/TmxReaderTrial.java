package org.puente.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: reads real TMX files with {@link TmxReader} and prints units/s and peak heap.
 * Run with the classes only (the reader needs nothing else), e.g.
 * {@code java -Xmx64m -cp target/classes:target/test-classes org.puente.memory.TmxReaderTrial /work/shared/samples/tm/*.tmx}.
 * Each file is read three times; the last read is the measured one (the first ones warm the JIT).
 */
public final class TmxReaderTrial {

    private TmxReaderTrial() {
    }

    public static void main(String[] args) throws IOException {
        TmxReader reader = new TmxReader();
        for (String arg : args) {
            Path file = Path.of(arg);
            TmxSummary summary = null;
            double seconds = 0;
            double firstSeconds = 0;
            Map<String, Long> perLanguage = new TreeMap<>();
            AtomicLong characters = new AtomicLong();
            for (int round = 0; round < 3; round++) {
                perLanguage.clear();
                characters.set(0);
                resetPeaks();
                long start = System.nanoTime();
                summary = reader.read(file, unit -> unit.variants().forEach(v -> {
                    perLanguage.merge(v.language(), 1L, Long::sum);
                    characters.addAndGet(v.segment().plainText().length());
                }));
                seconds = (System.nanoTime() - start) / 1e9;
                if (round == 0) {
                    firstSeconds = seconds;
                }
            }
            System.out.printf("%s: %.1f MB, TMX %s, srclang %s, %s, %d units, %d variants %s, %d characters, %d stripped; "
                            + "first (cold) read %.2f s, last of 3 reads %.2f s = %.0f units/s (%.1f MB/s), peak heap %.1f MB (max %d MB)%n",
                    file.getFileName(), Files.size(file) / 1e6, summary.version(), summary.header().sourceLanguage(),
                    summary.charset(), summary.units(), summary.variants(), perLanguage, characters.get(),
                    summary.strippedCharacters(), firstSeconds, seconds, summary.units() / seconds, Files.size(file) / 1e6 / seconds,
                    peakHeap() / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
