package uk.ectmentor.contenttools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-run benchmark (not a unit test): imports the given folders repeatedly and prints the time per
 * import and sessions recognised per second. Usage: {@code ImportBench [--runs N] DIR...}; the default is
 * the shared samples folder. See README "Programme content" for the exact command.
 */
public final class ImportBench {
    private ImportBench() {
    }

    public static void main(String[] args) {
        int runs = 50;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            inputs.add(Shared.samples());
        }
        long coldStart = System.nanoTime();
        Importer.Result first = Importer.importAll(inputs);
        double coldMs = (System.nanoTime() - coldStart) / 1e6;
        for (int i = 0; i < 5; i++) {
            Importer.importAll(inputs);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int sessions = 0;
        for (int i = 0; i < runs; i++) {
            sessions += Importer.importAll(inputs).sessions().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "inputs: %s%n", inputs);
        System.out.printf(Locale.ROOT, "files read: %d, sessions produced: %d, every section timed: %d, warnings: %d%n",
                first.filesRead(), first.sessions().size(), first.fullyTimed(), first.warnings().size());
        System.out.printf(Locale.ROOT, "first (cold) import: %.1f ms%n", coldMs);
        System.out.printf(Locale.ROOT, "warm import, mean of %d: %.2f ms%n", runs, seconds * 1000 / runs);
        System.out.printf(Locale.ROOT, "warm import CPU time, mean of %d: %.2f ms%n", runs, cpuSeconds * 1000 / runs);
        System.out.printf(Locale.ROOT, "sessions recognised per second (warm, wall clock): %.0f%n", sessions / seconds);
        System.out.printf(Locale.ROOT, "sessions recognised per second (warm, CPU time): %.0f%n", sessions / cpuSeconds);
    }
}
