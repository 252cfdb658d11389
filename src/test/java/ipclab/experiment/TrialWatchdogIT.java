package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.bench.Participants;
import ipclab.bench.RunListener;
import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.IpcType;
import ipclab.sys.CallState;
import ipclab.sys.Libc;
import java.lang.foreign.Arena;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reader blocked for good on a real socket pair (nobody ever writes) is woken by the watchdog
 * after its timeout: the mechanism that ends a stalled trial, without relying on the kernel to
 * stall on cue. A trial that ends in time is left alone.
 */
class TrialWatchdogIT {
    @ParameterizedTest
    @EnumSource(value = IpcType.class, names = {"LOCAL", "TCP"})
    void blockedReadIsWokenAfterTheTimeout(IpcType type) throws Exception {
        try (TrialWatchdog watchdog = new TrialWatchdog(300);
                Arena arena = Arena.ofShared()) {
            RunListener listener = watchdog.arm();
            try (EndpointPair pair = EndpointPair.open(new IpcSpec(type, 0, 0, 0))) {
                var buffer = arena.allocate(64);
                CompletableFuture<Long> read = CompletableFuture.supplyAsync(
                        () -> Libc.read(new CallState(), pair.reader().value(), buffer.address(), 64));
                listener.ready(new Participants(0, 0, 0, -1));
                long r = read.get(30, TimeUnit.SECONDS);
                listener.finished();
                assertThat(r).as("read after shutdown(2): end of file").isZero();
                assertThat(watchdog.fired()).isTrue();
            }
            // the next trial ends in time: no alarm
            RunListener next = watchdog.arm();
            try (EndpointPair pair = EndpointPair.open(new IpcSpec(type, 0, 0, 0))) {
                next.ready(new Participants(0, 0, 0, -1));
                next.finished();
                Thread.sleep(500);
                assertThat(watchdog.fired()).isFalse();
                assertThat(pair.reader().isOpen()).isTrue();
            }
        }
    }
}
