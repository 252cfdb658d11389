package ipclab.trace;

import ipclab.trace.TracerException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a tracer needs from the machine, checked when the tracer is created, with the fix in the message. */
public final class Tools {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");

    private Tools() {}

    /** The executable {@code tool} on PATH, or MISSING naming the Debian package to install. */
    public static Path require(String tool, String debianPackage) throws TracerException {
        return find(tool).orElseThrow(() -> new TracerException(Kind.MISSING,
                tool + " is not installed: apt-get install " + debianPackage));
    }

    public static java.util.Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** PERMISSION unless this process runs as root (the tracers attach to it and read kernel tracepoints). */
    public static void requireRoot(String tool) throws TracerException {
        if (effectiveUid() != 0) {
            throw new TracerException(Kind.PERMISSION, tool + " needs root to trace the benchmark: run ipclab as root"
                    + " (sudo bin/ipclab ...)");
        }
    }

    /** The effective user id, from /proc/self/status; -1 when it cannot be read. */
    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Tracepoints are named and described in tracefs. A fresh container often has it unmounted;
     * as root it is mounted here (the kernel's own file system, no side effect on anything else).
     */
    public static void requireTracefs() throws TracerException {
        if (Files.isDirectory(TRACEFS.resolve("events"))) {
            return;
        }
        try {
            Process p = new ProcessBuilder(List.of("mount", "-t", "tracefs", "tracefs", TRACEFS.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Files.isDirectory(TRACEFS.resolve("events"))) {
            throw new TracerException(Kind.MISSING, "tracefs is not mounted and could not be: "
                    + "mount -t tracefs tracefs " + TRACEFS);
        }
    }

    /** Runs {@code command} to see that a tool works here (Debian's perf wrapper needs a matching kernel). */
    static void requireRuns(List<String> command, String fix) throws TracerException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TracerException(Kind.MISSING, command.getFirst() + " does not answer: " + fix);
            }
            if (p.exitValue() != 0) {
                String first = out.lines().findFirst().orElse("exit status " + p.exitValue());
                throw new TracerException(Kind.MISSING, command.getFirst() + " does not run here (" + first + "): "
                        + fix);
            }
        } catch (IOException e) {
            throw new TracerException(Kind.MISSING, command.getFirst() + " cannot be started: " + fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TracerException(Kind.FAILED, "interrupted while checking " + command.getFirst());
        }
    }
}
