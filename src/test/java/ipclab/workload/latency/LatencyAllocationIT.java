package ipclab.workload.latency;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanisms;
import ipclab.run.NativeBuffer;
import java.lang.management.ManagementFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The round-trip loops allocate nothing: once warm, over a run of 100,000 round trips the heap
 * bytes each looping thread allocated do not change (recording into the pre-allocated histogram
 * included), on real pipes and socket pairs. And a message that comes back without its stamp is
 * counted, so a mechanism that cuts messages cannot pass.
 */
class LatencyAllocationIT {
    private static final long ROUNDS = 100_000;
    private static final int SIZE = 64;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    @Test
    void initiatorAndResponderAllocateNothing() throws Exception {
        assertThat(LatencyWarmup.twoThreads(SIZE, LatencyWarmup.Loops.BOTH).compiled()).isTrue();
        IpcSpec spec = IpcSpec.of(Mechanisms.require("local")).exchanging();
        Histogram h = LatencyHistogram.create();
        try (EndpointPair pair = spec.open(); RoundTripEnds ends = RoundTripEnds.of(pair, spec);
                NativeBuffer message = new NativeBuffer(SIZE, (byte) 1);
                NativeBuffer answer = new NativeBuffer(SIZE, (byte) 2);
                NativeBuffer echo = new NativeBuffer(SIZE, (byte) 3)) {
            Initiator initiator = (Initiator) new Initiator(h).prime();
            Responder responder = (Responder) new Responder().prime();
            long[] responderAllocated = new long[2];
            Thread responding = Thread.ofPlatform().start(() -> {
                try {
                    responder.run(ends.responderIn(), ends.responderOut(), echo.segment(), ROUNDS);
                    responderAllocated[0] = allocated();
                    responder.run(ends.responderIn(), ends.responderOut(), echo.segment(), ROUNDS);
                    responderAllocated[1] = allocated();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            initiator.run(ends.initiatorOut(), ends.initiatorIn(), message.segment(), answer.segment(), ROUNDS);
            h.reset();
            long before = allocated();
            initiator.run(ends.initiatorOut(), ends.initiatorIn(), message.segment(), answer.segment(), ROUNDS);
            long after = allocated();
            responding.join();
            assertThat(h.getTotalCount()).isEqualTo(ROUNDS);
            assertThat(initiator.badMessages).isZero();
            assertThat(responder.badMessages).isZero();
            assertThat(after - before).as("initiator bytes allocated").isZero();
            assertThat(responderAllocated[1] - responderAllocated[0]).as("responder bytes allocated").isZero();
        }
    }

    @Test
    void oneThreadLoopAllocatesNothing() throws Exception {
        IpcSpec spec = IpcSpec.of(Mechanisms.require("pipe")).exchanging();
        assertThat(LatencyWarmup.oneThread(spec, SIZE).compiled()).isTrue();
        Histogram h = LatencyHistogram.create();
        try (EndpointPair pair = spec.open(); RoundTripEnds ends = RoundTripEnds.of(pair, spec);
                NativeBuffer message = new NativeBuffer(SIZE, (byte) 1);
                NativeBuffer middle = new NativeBuffer(SIZE, (byte) 3);
                NativeBuffer answer = new NativeBuffer(SIZE, (byte) 2)) {
            RoundTrips.makeNonBlocking(ends);
            BothHalvesLoop loop = (BothHalvesLoop) new BothHalvesLoop(h).prime();
            loop.run(ends, message.segment(), middle.segment(), answer.segment(), ROUNDS);
            long before = allocated();
            loop.run(ends, message.segment(), middle.segment(), answer.segment(), ROUNDS);
            long after = allocated();
            assertThat(h.getTotalCount()).isEqualTo(2 * ROUNDS);
            assertThat(loop.badMessages).isZero();
            assertThat(after - before).as("1thread bytes allocated").isZero();
        }
    }

    /** An answer whose last byte is not the round's stamp (as a cut or merged message would be) is counted. */
    @Test
    void anAnswerWithoutItsStampIsCounted() throws Exception {
        IpcSpec spec = IpcSpec.of(Mechanisms.require("pipe")).exchanging();
        try (EndpointPair pair = spec.open(); RoundTripEnds ends = RoundTripEnds.of(pair, spec);
                NativeBuffer message = new NativeBuffer(SIZE, (byte) 1);
                NativeBuffer answer = new NativeBuffer(SIZE, (byte) 2);
                NativeBuffer echo = new NativeBuffer(SIZE, (byte) 3)) {
            Initiator initiator = (Initiator) new Initiator(LatencyHistogram.create()).prime();
            long rounds = 100;
            Thread garbling = Thread.ofPlatform().start(() -> {
                var cs = new ipclab.sys.CallState();
                for (long r = 0; r < rounds; r++) {
                    long got = 0;
                    while (got < SIZE) {
                        got += ipclab.sys.Io.read(cs, ends.responderIn(), echo.address() + got, SIZE - got);
                    }
                    if (r % 10 == 3) {
                        echo.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, SIZE - 1, (byte) 0);
                    }
                    ipclab.sys.Io.write(cs, ends.responderOut(), echo.address(), SIZE);
                }
            });
            initiator.run(ends.initiatorOut(), ends.initiatorIn(), message.segment(), answer.segment(), rounds);
            garbling.join();
            assertThat(initiator.badMessages).isEqualTo(10);
            assertThat(RoundTripLoop.garbled(initiator.badMessages, rounds, "initiator").getMessage())
                    .contains("10 of 100 messages").contains("did not deliver each message whole");
        }
    }
}
