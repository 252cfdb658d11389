package ipclab.workload.latency;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanisms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The latency warm-up gives its loops messages that pass their stamp checks, as a timed run's
 * do: a warm-up whose checks failed had C2 leave the passing branch out, and the timed run
 * started by falling out of C2 (see LatencyJitIT in ipclab.cli). On each mechanism's own
 * loopback, for each way a process warms (2thread both loops, the 2proc parent its initiator,
 * the child its responder).
 */
class LatencyWarmupIT {
    @ParameterizedTest(name = "{0} {1} B, {2}")
    @CsvSource({
        "pipe, 64, BOTH", "pipe, 64, INITIATOR", "pipe, 64, RESPONDER", "pipe, 4096, BOTH",
        "local, 64, BOTH", "local-seqpacket, 64, BOTH", "local-dgram, 64, RESPONDER", "udp, 64, BOTH",
        "mq, 64, BOTH", "eventfd, 8, BOTH", "eventfd, 8, RESPONDER"
    })
    void everyWarmUpMessagePassesItsLoopsStampCheck(String mechanism, int size, LatencyWarmup.Loops loops)
            throws Exception {
        IpcSpec spec = IpcSpec.of(Mechanisms.require(mechanism)).exchanging().withMessageBytes(size);
        LatencyWarmup.Report report = LatencyWarmup.twoThreads(spec, size, loops);
        assertThat(report.calls()).isPositive();
        assertThat(report.failedStamps()).as("messages that failed a stamp check in the warm-up").isZero();
    }
}
