package ipclab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher, {@code bin/ipclab}, as a user would, and captures what it printed. */
public final class IpclabProcess {
    public record Result(int code, String out, String err) {}

    private IpclabProcess() {}

    public static Process start(Path stdout, Path stderr, String... args) throws IOException {
        return start(List.of(), stdout, stderr, args);
    }

    /** The launcher run under {@code wrapper} (e.g. strace with its options), which ends with the launcher's status. */
    static Process start(List<String> wrapper, Path stdout, Path stderr, String... args) throws IOException {
        return start(wrapper, Map.of(), stdout, stderr, args);
    }

    /** As {@link #start(List, Path, Path, String...)}, with {@code env} added to the launcher's environment. */
    static Process start(List<String> wrapper, Map<String, String> env, Path stdout, Path stderr, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add("bin/ipclab");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * The 2proc child JVM of a launched run (the launcher execs java, whose child runs
     * SenderProcess), once it has written at least {@code bytes} with write(2) (/proc/PID/io
     * wchar): mid-transfer, not during its start-up.
     */
    public static ProcessHandle awaitSendingChild(Process launcher, long bytes) throws Exception {
        for (int i = 0; i < 1200; i++) {
            var child = launcher.descendants()
                    .filter(h -> h.info().arguments().map(List::of).orElse(List.of())
                            .contains("ipclab.bench.SenderProcess"))
                    .findFirst();
            if (child.isPresent() && written(child.get()) >= bytes) {
                return child.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the 2proc child never started sending");
    }

    /** The bytes {@code process} has passed to write-like calls (/proc/PID/io wchar); 0 before it starts or once gone. */
    public static long written(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/io")).stream()
                    .filter(l -> l.startsWith("wchar:")).mapToLong(l -> Long.parseLong(l.substring(6).strip()))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    public static Result run(String... args) throws Exception {
        return runUnder(List.of(), args);
    }

    /** {@link #run} under {@code wrapper}, as {@link #start(List, Path, Path, String...)}. */
    public static Result runUnder(List<String> wrapper, String... args) throws Exception {
        return runWith(wrapper, Map.of(), args);
    }

    /** {@link #run} with {@code env} added to the launcher's environment (IPCLAB_JAVA_OPTS, say). */
    public static Result runWith(Map<String, String> env, String... args) throws Exception {
        return runWith(List.of(), env, args);
    }

    private static Result runWith(List<String> wrapper, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile("ipclab-out", ".txt");
        Path err = Files.createTempFile("ipclab-err", ".txt");
        try {
            Process p = start(wrapper, env, out, err, args);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bin/ipclab " + String.join(" ", args) + " did not end in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
