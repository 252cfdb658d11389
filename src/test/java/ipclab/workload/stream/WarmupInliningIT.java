package ipclab.workload.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mechanisms;
import ipclab.probe.RunProbes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many warm-ups in one JVM, as a sweep runs them: C2 compiles the warm-up's drivers, and must not
 * inline the loops into them (their own code is what a timed run enters). A JVM of its own with
 * -XX:+PrintInlining: the loops' call sites in the drivers say "disallowed by CompileCommand",
 * the directive's doing; without it they said "inline (hot)" and, in AllocationIT's JVM, left
 * the JFR-event sender at tier 3 after three warm-ups.
 */
class WarmupInliningIT {
    @Test
    void theDriversDoNotInlineTheLoops() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-XX:+PrintInlining",
                WarmupInliningIT.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("warm: " + WARMUPS + " of " + WARMUPS);
        // The drivers were compiled (so the test says something), and never with a loop inlined.
        assertThat(out).containsPattern("ipclab\\.workload\\.stream\\.Warmup::(twoThreads|lambda\\$twoThreads\\$0)");
        assertThat(out).containsPattern("stream\\.(Sender|Receiver)::run \\(\\d+ bytes\\)\\s+failed to inline: "
                + "disallowed by CompileCommand");
        assertThat(out).doesNotContainPattern("stream\\.(Sender|Receiver)::run \\(\\d+ bytes\\)\\s+inline \\(hot\\)");
    }

    /** Warm-ups in the child: enough for C2 to compile the drivers (8 were not). */
    private static final int WARMUPS = 40;

    /** {@link #WARMUPS} warm-ups of the 2thread loops on a pipe; prints how many ended warm. */
    public static void main(String[] args) throws Exception {
        int warm = 0;
        for (int i = 0; i < WARMUPS; i++) {
            if (Warmup.twoThreads(Mechanisms.require("pipe"), 64, RunProbes.NONE).warm()) {
                warm++;
            }
        }
        System.out.println("warm: " + warm + " of " + WARMUPS);
        System.exit(0);
    }
}
