package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Once warmed, the latency loops stay in C2 code: over a whole `bin/ipclab latency 2thread` run,
 * the JVM's deoptimization log (-Xlog:deoptimization) names neither Initiator.run nor
 * Responder.run. Until 2026-12-03 the warm-up's stamp checks all failed, C2 compiled the loops
 * without their passing branch, and the first timed round trip fell out of C2 ("unstable_if")
 * for the tenth of a second a recompilation took, inside the timed region: 2thread round trips
 * were 5 to 15% slower than the same loops in a plain Java ping-pong. No timing is asserted.
 */
class LatencyJitIT {
    @Test
    void theTimedLoopsAreNeverDeoptimized() throws Exception {
        Path out = Files.createTempFile("ipclab-jit-out", ".txt");
        Path err = Files.createTempFile("ipclab-jit-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder("bin/ipclab", "latency", "--rounds", "20000", "2thread")
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("IPCLAB_JAVA_OPTS", "-Xlog:deoptimization=debug:stderr");
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(log).isZero();
            // the log is on: it names other methods' deoptimizations in every run
            assertThat(log).contains("[deoptimization]");
            List<String> loops = log.lines().filter(l -> l.contains("[deoptimization]"))
                    .filter(l -> l.contains("latency.Initiator.run") || l.contains("latency.Responder.run")).toList();
            assertThat(loops).as("deoptimizations of the timed loops").isEmpty();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("us round trip (p50)");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
