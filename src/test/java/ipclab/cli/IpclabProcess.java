package ipclab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher, {@code bin/ipclab}, as a user would, and captures what it printed. */
public final class IpclabProcess {
    public record Result(int code, String out, String err) {}

    private IpclabProcess() {}

    public static Process start(Path stdout, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bin/ipclab"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    public static Result run(String... args) throws Exception {
        Path out = Files.createTempFile("ipclab-out", ".txt");
        Path err = Files.createTempFile("ipclab-err", ".txt");
        try {
            Process p = start(out, err, args);
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
