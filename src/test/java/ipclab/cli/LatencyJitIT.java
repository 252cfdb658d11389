package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
        IpclabProcess.Result r = IpclabProcess.runWith(
                Map.of("IPCLAB_JAVA_OPTS", "-Xlog:deoptimization=debug:stderr"), "latency", "--rounds", "20000", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        // the log is on: it names other methods' deoptimizations in every run
        assertThat(r.err()).contains("[deoptimization]");
        List<String> loops = r.err().lines().filter(l -> l.contains("[deoptimization]"))
                .filter(l -> l.contains("latency.Initiator.run") || l.contains("latency.Responder.run")).toList();
        assertThat(loops).as("deoptimizations of the timed loops").isEmpty();
        assertThat(r.out()).contains("us round trip (p50)");
    }
}
