package ipclab.experiment;

import ipclab.bench.SenderProcess;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.model.BenchConfig;
import ipclab.bench.Benchmark;
import ipclab.ipc.Mode;
import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.run.SenderChild;
import ipclab.model.TransferException;
import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.sys.CallState;
import ipclab.sys.Io;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reader blocked for good on a real socket pair (nobody ever writes) is woken by the watchdog
 * after its timeout: the mechanism that ends a stalled trial, without relying on the kernel to
 * stall on cue. A trial that ends in time is left alone.
 */
class TrialWatchdogIT {
    @ParameterizedTest
    @ValueSource(strings = {"local", "tcp"})
    void blockedReadIsWokenAfterTheTimeout(String name) throws Exception {
        Mechanism type = Mechanisms.require(name);
        try (TrialWatchdog watchdog = new TrialWatchdog(300);
                Arena arena = Arena.ofShared()) {
            RunListener listener = watchdog.arm();
            try (EndpointPair pair = new IpcSpec(type, 0, 0, 0).open()) {
                var buffer = arena.allocate(64);
                CompletableFuture<Long> read = CompletableFuture.supplyAsync(
                        () -> Io.read(new CallState(), pair.reader().value(), buffer.address(), 64));
                listener.ready(new Participants(0, 0, 0, -1));
                long r = read.get(30, TimeUnit.SECONDS);
                listener.finished();
                assertThat(r).as("read after shutdown(2): end of file").isZero();
                assertThat(watchdog.fired()).isTrue();
            }
            // the next trial ends in time: no alarm
            RunListener next = watchdog.arm();
            try (EndpointPair pair = new IpcSpec(type, 0, 0, 0).open()) {
                next.ready(new Participants(0, 0, 0, -1));
                next.finished();
                Thread.sleep(500);
                assertThat(watchdog.fired()).isFalse();
                assertThat(pair.reader().isOpen()).isTrue();
            }
        }
    }

    /**
     * A real 2proc trial whose receiver reads through its own descriptor table: the watchdog
     * shuts the socket down through the process's copy, and the blocked read ends. The stall is
     * the child's one-second sleep before sending (not bare), longer than the 300 ms timeout.
     */
    @Test
    @Timeout(120) // without the watchdog this trial would still end, after the child's sleep: a hang is the bug
    void stopsA2procTrialWhoseReceiverHasItsOwnTable() throws Exception {
        try (TrialWatchdog watchdog = new TrialWatchdog(300); SenderChild child = SenderProcess.spawn()) {
            BenchConfig c = new BenchConfig(Mode.TWO_PROC, Mechanisms.require("local"), 4096, 1 << 20, 0, false, 0, false, List.of());
            assertThat(c.privateFdTable()).isTrue();
            try (Benchmark b = new Benchmark(c, child)) {
                b.prepare();
                assertThatThrownBy(() -> b.measure(0, watchdog.arm())).isInstanceOf(TransferException.class);
                assertThat(watchdog.fired()).isTrue();
            }
        }
    }
}
