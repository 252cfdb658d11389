package ipclab.workload.latency;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanisms;
import ipclab.run.NativeBuffer;
import java.util.ArrayList;
import java.util.List;
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
    private static long allocated() {
        return ipclab.run.AllocatedBytes.ofThisThread();
    }

    @Test
    void initiatorAndResponderAllocateNothing() throws Exception {
        twoThreadsAllocateNothing(IpcSpec.of(Mechanisms.require("local")).exchanging());
    }

    /** The same through a message queue's transfer, one queue per direction. */
    @Test
    void messageQueueInitiatorAndResponderAllocateNothing() throws Exception {
        twoThreadsAllocateNothing(IpcSpec.of(Mechanisms.require("mq")).exchanging().withMessageBytes(SIZE));
    }

    /** The same on UDP: its receive deadline is set when the pair is made, so each read is still one downcall. */
    @Test
    void udpInitiatorAndResponderAllocateNothing() throws Exception {
        twoThreadsAllocateNothing(IpcSpec.of(Mechanisms.require("udp")).exchanging());
    }

    private static void twoThreadsAllocateNothing(IpcSpec spec) throws Exception {
        twoThreadsAllocateNothing(spec, 0);
    }

    /** The initiator and responder loops on {@code spec}'s transfers: at most {@code allowed} bytes a run on each side. */
    private static void twoThreadsAllocateNothing(IpcSpec spec, long allowed) throws Exception {
        assertThat(LatencyWarmup.twoThreads(spec, SIZE, LatencyWarmup.Loops.BOTH).warm()).isTrue();
        Histogram h = LatencyHistogram.create();
        try (EndpointPair pair = spec.open(); RoundTripEnds ends = RoundTripEnds.of(pair, spec);
                ipclab.ipc.Transfer initiatorTransfer = spec.transfer(ends.initiatorEnds());
                ipclab.ipc.Transfer responderTransfer = spec.transfer(ends.responderEnds());
                NativeBuffer message = new NativeBuffer(SIZE, (byte) 1);
                NativeBuffer answer = new NativeBuffer(SIZE, (byte) 2);
                NativeBuffer echo = new NativeBuffer(SIZE, (byte) 3)) {
            Initiator initiator = (Initiator) new Initiator(initiatorTransfer, h).prime();
            Responder responder = (Responder) new Responder(responderTransfer).prime();
            // One unmeasured run, then measured runs until one where neither side allocated: a
            // loop that allocates does so on every call (100,000 times a run), while a late
            // recompilation or deoptimisation of the warm code (on a busy machine) costs one run
            // a few dozen bytes once. At most five runs.
            List<String> seen = new ArrayList<>();
            boolean clean = false;
            for (int run = 0; run < 6 && !clean; run++) {
                long[] responderAllocated = new long[1];
                Thread responding = Thread.ofPlatform().start(() -> {
                    try {
                        long before = allocated();
                        responder.run(ends.responderIn(), ends.responderOut(), echo.segment(), ROUNDS);
                        responderAllocated[0] = allocated() - before;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                h.reset();
                long before = allocated();
                initiator.run(ends.initiatorOut(), ends.initiatorIn(), message.segment(), answer.segment(), ROUNDS);
                long initiatorAllocated = allocated() - before;
                responding.join();
                assertThat(h.getTotalCount()).isEqualTo(ROUNDS);
                assertThat(initiator.badMessages).isZero();
                assertThat(responder.badMessages).isZero();
                if (run > 0) {
                    seen.add("initiator " + initiatorAllocated + " B, responder " + responderAllocated[0] + " B");
                    clean = initiatorAllocated <= allowed && responderAllocated[0] <= allowed;
                }
            }
            assertThat(clean).as("bytes allocated per measured run: %s", seen).isTrue();
        }
    }

    @Test
    void oneThreadLoopAllocatesNothing() throws Exception {
        IpcSpec spec = IpcSpec.of(Mechanisms.require("pipe")).exchanging();
        assertThat(LatencyWarmup.oneThread(spec, SIZE).warm()).isTrue();
        Histogram h = LatencyHistogram.create();
        try (EndpointPair pair = spec.open(); RoundTripEnds ends = RoundTripEnds.of(pair, spec);
                NativeBuffer message = new NativeBuffer(SIZE, (byte) 1);
                NativeBuffer middle = new NativeBuffer(SIZE, (byte) 3);
                NativeBuffer answer = new NativeBuffer(SIZE, (byte) 2)) {
            RoundTrips.makeNonBlocking(ends);
            BothHalvesLoop loop = (BothHalvesLoop) new BothHalvesLoop(ipclab.ipc.ReadWrite.INSTANCE, h).prime();
            loop.run(ends, message.segment(), middle.segment(), answer.segment(), ROUNDS);
            // As above: measured runs until a clean one, at most five.
            List<Long> seen = new ArrayList<>();
            for (int run = 0; run < 5 && (seen.isEmpty() || seen.getLast() != 0); run++) {
                long before = allocated();
                loop.run(ends, message.segment(), middle.segment(), answer.segment(), ROUNDS);
                seen.add(allocated() - before);
                assertThat(loop.badMessages).isZero();
            }
            assertThat(h.getTotalCount()).isEqualTo((1 + seen.size()) * ROUNDS);
            assertThat(seen.getLast()).as("1thread bytes allocated per measured run: %s", seen).isZero();
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
            Initiator initiator = (Initiator) new Initiator(ipclab.ipc.ReadWrite.INSTANCE, LatencyHistogram.create()).prime();
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

    /** Mechanisms with transfers of their own, with their settings: -i name, then settings text. */
    static java.util.stream.Stream<String> transfers() {
        return java.util.stream.Stream.of("shm wait=spin", "shm wait=futex", "nio-pipe", "nio-local", "nio-tcp");
    }

    /** The round-trip loops on a mechanism's own transfers (a ring each way, or JDK channels) allocate nothing. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("transfers")
    void transferRoundTripsAllocateNothing(String text) throws Exception {
        String[] parts = text.split(" ", 2);
        ipclab.ipc.Mechanism m = Mechanisms.require(parts[0]);
        // The JDK's channels may allocate a few dozen bytes once per run (seen: 40 B on the
        // initiator of nio-pipe per run of 100,000 round trips, on a busy machine), never per
        // call: that would be thousands of bytes here. docs/mechanisms.md says so.
        twoThreadsAllocateNothing(new IpcSpec(m, 0, 0, 0, true,
                ipclab.ipc.Settings.parse(m, parts.length > 1 ? parts[1] : ""), SIZE), parts[0].startsWith("nio-") ? 64 : 0);
    }
}
