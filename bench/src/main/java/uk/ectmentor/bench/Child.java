package uk.ectmentor.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A server under test, run as a child process on loopback: the packaged app or the bare Bolt app. */
final class Child implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    final Process process;
    final int port;
    final String healthPath;
    final Path log;
    /** Where the JVM logs its collections ({@link GcPauses}). */
    final Path gcLog;
    /** Milliseconds from starting the process to the first healthy answer. */
    long startMillis;

    private Child(Process process, int port, String healthPath, Path log, Path gcLog) {
        this.process = process;
        this.port = port;
        this.healthPath = healthPath;
        this.log = log;
        this.gcLog = gcLog;
    }

    /** Starts {@code java -jar jar} with the Slack variables pointing at the fake, on a fresh port. */
    static Child app(Path jar, Path dataDir, String secret, FakeSlackApi fake, Map<String, String> extraEnv) throws IOException, InterruptedException {
        int port = freePort();
        // the JVM settings the README runs the bot with (app/jvm.options), when the file is beside the jar's module
        Path options = jar.toAbsolutePath().getParent().resolveSibling("jvm.options");
        List<String> command = new java.util.ArrayList<>(List.of(javaBin()));
        if (Files.isRegularFile(options)) {
            command.add("@" + options);
        }
        Path gcLog = dataDir.resolveSibling(dataDir.getFileName() + "-gc.log");
        command.add(GcPauses.option(gcLog));
        String extra = System.getenv("BENCH_APP_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("MICROSOFT_") || k.startsWith("BOT_") || k.equals("MONGODB_URI"));
        env.put("PORT", String.valueOf(port));
        env.put("BOT_BIND_ADDRESS", "127.0.0.1");
        env.put("BOT_DATA_DIR", dataDir.toString());
        env.put("SLACK_SIGNING_SECRET", secret);
        env.put("SLACK_BOT_TOKEN", "xoxb-bench-token");
        env.put("SLACK_API_URL", fake.apiUrl());
        env.putAll(extraEnv);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-app.log");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long t0 = System.nanoTime();
        Child child = new Child(pb.start(), port, "/actuator/health", log, gcLog);
        child.awaitHealthy(t0);
        return child;
    }

    /** Starts {@link BareBoltApp} on this JVM's class path. */
    static Child bareBolt(String secret, FakeSlackApi fake, Path logDir) throws IOException, InterruptedException {
        Path log = logDir.resolve("bare-bolt.log");
        Path gcLog = logDir.resolve("bare-bolt-gc.log");
        ProcessBuilder pb = new ProcessBuilder(javaBin(), GcPauses.option(gcLog), "-cp", System.getProperty("java.class.path"),
                BareBoltApp.class.getName(), secret, fake.apiUrl());
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        String line = reader.readLine();
        // the JVM may say something first (such as "Picked up JAVA_TOOL_OPTIONS")
        for (int skipped = 0; line != null && !line.startsWith("listening ") && skipped < 20; skipped++) {
            line = reader.readLine();
        }
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IOException("the bare Bolt app did not start: " + line);
        }
        Thread drain = new Thread(() -> {
            try (var out = Files.newBufferedWriter(log)) {
                for (String l; (l = reader.readLine()) != null; ) {
                    out.write(l);
                    out.newLine();
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bare-bolt-log");
        drain.setDaemon(true);
        drain.start();
        Child child = new Child(p, Integer.parseInt(line.substring("listening ".length()).strip()), "/health", log, gcLog);
        child.awaitHealthy(t0);
        return child;
    }

    /** The collections that stopped this JVM between two instants (epoch milliseconds). */
    GcPauses gcPauses(long fromMillis, long toMillis) {
        return GcPauses.between(gcLog, fromMillis, toMillis);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void awaitHealthy(long t0) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = t0 + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + "; see " + log);
            }
            if (healthy(http)) {
                startMillis = (System.nanoTime() - t0) / 1_000_000;
                return;
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IOException("not healthy within " + START_LIMIT + "; see " + log);
    }

    boolean healthy(HttpClient http) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(healthPath))).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The JVM's own account of its memory (needs -XX:NativeMemoryTracking=summary on the child), or why not. */
    String nativeMemory() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            java.util.Map<String, Integer> threads = new java.util.TreeMap<>();
            for (String line : new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("\"")) {
                    String name = line.substring(1, line.indexOf('"', 1)).replaceAll("[0-9]+", "#");
                    threads.merge(name, 1, Integer::sum);
                }
            }
            dump.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            Process histogram = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.class_histogram").redirectErrorStream(true).start();
            String live = new String(histogram.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().limit(28).collect(java.util.stream.Collectors.joining("\n"));
            histogram.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            return out + "\nthreads by name: " + threads + "\nlive objects (largest classes, after a full collection):\n" + live;
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Resident memory in MB, from /proc (Linux), or -1. */
    long rssMb() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"));
            for (String l : lines) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
