package ipclab.experiment.parity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native side of a parity study: the repository's own C versions of ipclab's loops
 * ({@code tools/ipcref.c} for the stream, {@code tools/pingref.c} for round trips), carried in
 * the jar and built here with the system's C compiler into a private folder, so that any user can
 * rerun README's parity figures from a clone. Closing it deletes the folder.
 */
public final class NativeReference implements AutoCloseable {
    /** The program for each workload, by the name of its source under {@code tools/}. */
    public enum Program {
        STREAM("ipcref"), LATENCY("pingref");

        final String name;

        Program(String name) {
            this.name = name;
        }
    }

    /** What went wrong building the reference: a compiler that is missing or failed. */
    public static final class BuildException extends Exception {
        private final boolean missing;

        BuildException(String message, boolean missing) {
            super(message);
            this.missing = missing;
        }

        /** True when there is no compiler at all (exit 69), false when it refused the source. */
        public boolean missing() {
            return missing;
        }
    }

    private final Path dir;
    private final Path executable;

    private NativeReference(Path dir, Path executable) {
        this.dir = dir;
        this.executable = executable;
    }

    /** Builds {@code program} with {@code cc -O2 -pthread}; the compiler is looked up on PATH. */
    public static NativeReference build(Program program) throws BuildException, IOException {
        Path cc = ipclab.trace.Tools.find("cc").orElse(null);
        if (cc == null) {
            throw new BuildException("parity builds the native loops with a C compiler, and there is no cc on the "
                    + "PATH: apt-get install gcc", true);
        }
        Path dir = Files.createTempDirectory("ipclab-parity-");
        try {
            Path source = dir.resolve(program.name + ".c");
            try (InputStream in = NativeReference.class.getResourceAsStream("/ipclab/native/" + program.name + ".c")) {
                if (in == null) {
                    throw new IOException("the jar holds no " + program.name + ".c (a build without tools/)");
                }
                Files.copy(in, source);
            }
            Path exe = dir.resolve(program.name);
            Process p = new ProcessBuilder(cc.toString(), "-O2", "-pthread", "-o", exe.toString(), source.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                String first = out.lines().findFirst().orElse("no message");
                throw new BuildException("cc could not build " + program.name + ".c: " + first, false);
            }
            return new NativeReference(dir, exe);
        } catch (BuildException | IOException | RuntimeException e) {
            delete(dir);
            throw e;
        } catch (InterruptedException e) {
            delete(dir);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building " + program.name, e);
        }
    }

    /**
     * The mechanisms {@code program} implements, as its source's usage line says them
     * ({@code IPC pipe|local|tcp}): the C file is the one place that knows.
     */
    public static List<String> covered(Program program) {
        try (InputStream in = NativeReference.class.getResourceAsStream("/ipclab/native/" + program.name + ".c")) {
            if (in == null) {
                return List.of();
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var m = java.util.regex.Pattern.compile("\\bIPC ([a-z][a-z0-9-]*(?:\\|[a-z][a-z0-9-]*)*)").matcher(source);
            return m.find() ? List.of(m.group(1).split("\\|")) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The built program. */
    public Path executable() {
        return executable;
    }

    @Override
    public void close() {
        delete(dir);
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a finished study for
        }
    }

    static List<String> placed(boolean pinned, List<String> argv) {
        if (!pinned) {
            return argv;
        }
        List<String> all = new java.util.ArrayList<>(List.of("taskset", "-c", "0"));
        all.addAll(argv);
        return all;
    }
}
