package ipclab.bench;

import ipclab.model.TransferException;
import ipclab.run.NativeBuffer;
import ipclab.probe.RunProbes;
import ipclab.workload.stream.BothEndsLoop;
import ipclab.workload.stream.OneThreadRun;
import ipclab.workload.stream.ReceiveLoop;
import ipclab.workload.stream.SendLoop;
import ipclab.workload.stream.Warmup;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The timed loops allocate nothing: once warm, across a timed run of 100,000 calls, the heap bytes the
 * calling thread allocated do not change (com.sun.management.ThreadMXBean counts every TLAB and
 * outside-TLAB allocation of a thread).
 */
class AllocationIT {
    private static final int CALLS = 100_000;
    private static final int BLOCK = 64;
    /**
     * Long runs before the measured one. Until C2 has compiled the loop, the interpreter
     * allocates while it runs a downcall (about 70 bytes a call, measured here); compiled, the
     * loop allocates nothing. That is why -B runs are marked bare.
     */
    private static final int WARM_ROUNDS = 3;
    /**
     * Measured runs per side; the least allocation of them must be 0. A loop that allocates per
     * call allocates in every run. A run the JIT throws back to the interpreter for a while (a
     * deoptimization, which lands in one run at most) allocates there about 70 bytes a call: the
     * splice sender's JFR-event loop did so once in four suite runs on 2026-12-03 (49,152 bytes).
     */
    private static final int MEASURED_RUNS = 3;
    private static long allocated() {
        return ipclab.run.AllocatedBytes.ofThisThread();
    }

    /** A warm-up of the loops under test. */
    private interface WarmupRun {
        Warmup.Report run() throws Exception;
    }

    /** Warm-ups a test may run before the loops must be C2-compiled. */
    private static final int WARMUPS = 3;

    /**
     * The last of at most {@link #WARMUPS} warm-ups, stopping at the first that ends warm. One is
     * enough in a JVM of its own; here the loops carry every earlier test's profile, and each new
     * transfer class throws them out of C2 again (-XX:+PrintCompilation: "made not entrant:
     * uncommon trap" at each test's start). The claim is about warm loops: this only waits longer
     * for them.
     */
    private static Warmup.Report warmedWithin(WarmupRun warmup) throws Exception {
        Warmup.Report last = null;
        for (int i = 0; i < WARMUPS && (last == null || !last.warm()); i++) {
            last = warmup.run();
        }
        return last;
    }

    /** Asserts that {@code warmup} made the loops warm (C2 code, a round that allocated nothing) within {@link #WARMUPS}. */
    private static void assertWarm(WarmupRun warmup) throws Exception {
        Warmup.Report r = warmedWithin(warmup);
        assertThat(r.warm()).as("warm-up: %s; the loops' code: %s", r, loopCode()).isTrue();
    }

    /** Compiler.codelist's lines for the stream loops' methods (id, tier, state, method) and the compile queue, for a failure's message. */
    private static String loopCode() {
        try {
            String all = ipclab.run.JitStatus.codelist();
            String queue = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return all.lines().filter(l -> l.matches("\\S+ \\d \\d ipclab\\.workload\\.stream\\.\\w+\\.run\\(.*")).map(l -> l.split(" \\[")[0])
                    .toList() + "; queue: " + queue.replace('\n', '|');
        } catch (javax.management.JMException e) {
            return e.toString();
        }
    }

    /** One measured run of a loop. */
    private interface MeasuredRun {
        void run() throws TransferException;
    }

    /** The least heap bytes this thread allocated over {@link #MEASURED_RUNS} runs of {@code run}. */
    private static long leastAllocated(MeasuredRun run) throws TransferException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < MEASURED_RUNS; i++) {
            long before = allocated();
            run.run();
            least = Math.min(least, allocated() - before);
        }
        return least;
    }

    /** The plain loops, and the --jfr-calls loops (no recorder running: their events must not reach the heap). */
    static Stream<RunProbes> probes() {
        return Stream.of(RunProbes.NONE, new RunProbes(false, true, null));
    }

    @ParameterizedTest
    @MethodSource("probes")
    void senderAndReceiverAllocateNothing(RunProbes probes) throws Exception {
        // As a run without -B: the warm-up also compiles the region markers at each loop's edges.
        // A stream socket's reader may take several writes in one read: at least one read per 64.
        transfersAllocateNothing(IpcSpec.of(Mechanisms.require("local")), probes, CALLS / 64);
    }

    /** The same for a message queue's transfer (mq_timedsend, mq_timedreceive, the deadline kept in native memory). */
    @ParameterizedTest
    @MethodSource("probes")
    void messageQueueSenderAndReceiverAllocateNothing(RunProbes probes) throws Exception {
        transfersAllocateNothing(IpcSpec.of(Mechanisms.require("mq")).withMessageBytes(BLOCK), probes, 1);
    }

    /** The same for a zero-copy pipe's: vmsplice from alternating buffers in, splice(2) to /dev/null out. */
    @ParameterizedTest
    @MethodSource("probes")
    void splicingSenderAndReceiverAllocateNothing(RunProbes probes) throws Exception {
        Mechanism splice = Mechanisms.require("splice");
        transfersAllocateNothing(new IpcSpec(splice, 0, 0, 0, false,
                ipclab.ipc.Settings.of(splice, java.util.Map.of("splice-receiver", "true")), BLOCK), probes, 1);
    }

    /** The stream loops on {@code spec}'s transfers, warmed, then one measured call each: no byte allocated. */
    private static void transfersAllocateNothing(IpcSpec spec, RunProbes probes, long minReads) throws Exception {
        assertWarm(() -> Warmup.twoThreads(spec, BLOCK, probes));
        try (EndpointPair pair = spec.open();
                var sends = spec.transfer(pair.writer());
                var receives = spec.transfer(pair.reader());
                NativeBuffer rb = new NativeBuffer(BLOCK, (byte) 1);
                NativeBuffer wb = new NativeBuffer(BLOCK, (byte) 2)) {
            SendLoop sender = SendLoop.of(probes, sends);
            ReceiveLoop receiver = ReceiveLoop.of(probes, receives);
            long total = (long) CALLS * BLOCK;
            long[] senderAllocated = new long[1];
            Thread sending = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < WARM_ROUNDS; i++) {
                        sender.run(pair.writer().value(), wb.address(), BLOCK, total);
                    }
                    senderAllocated[0] = leastAllocated(() -> sender.run(pair.writer().value(), wb.address(), BLOCK, total));
                } catch (TransferException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < WARM_ROUNDS; i++) {
                receiver.run(pair.reader().value(), rb.address(), BLOCK, total);
            }
            long receiverAllocated = leastAllocated(() -> receiver.run(pair.reader().value(), rb.address(), BLOCK, total));
            sending.join();
            assertThat(sender.writes()).isEqualTo(CALLS);
            assertThat(receiver.reads()).isGreaterThanOrEqualTo(minReads);
            assertThat(receiverAllocated).as("receiver bytes allocated, the least of %d runs", MEASURED_RUNS).isZero();
            assertThat(senderAllocated[0]).as("sender bytes allocated, the least of %d runs", MEASURED_RUNS).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("probes")
    void oneThreadLoopAllocatesNothing(RunProbes probes) throws Exception {
        assertWarm(() -> Warmup.oneThread(Mechanisms.require("pipe"), BLOCK, probes));
        try (EndpointPair pair = IpcSpec.of(Mechanisms.require("pipe")).open();
                NativeBuffer rb = new NativeBuffer(BLOCK, (byte) 1);
                NativeBuffer wb = new NativeBuffer(BLOCK, (byte) 2)) {
            OneThreadRun.makeNonBlocking(pair);
            BothEndsLoop loop = BothEndsLoop.of(probes, ipclab.ipc.ReadWrite.INSTANCE);
            int r = pair.reader().value();
            int w = pair.writer().value();
            for (int i = 0; i < WARM_ROUNDS; i++) {
                loop.run(r, w, rb.address(), wb.address(), BLOCK, (long) CALLS * BLOCK);
            }
            long before = allocated();
            loop.run(r, w, rb.address(), wb.address(), BLOCK, (long) CALLS * BLOCK);
            long after = allocated();
            assertThat(loop.writes()).isGreaterThanOrEqualTo(CALLS);
            assertThat(after - before).as("1thread bytes allocated").isZero();
        }
    }

    /** The transfers of mechanisms that move bytes their own way, with their settings: spec text as -i and settings. */
    static Stream<String> transfers() {
        // A 4 KiB ring fills and empties in the warm-up too, so the wait paths are compiled before the
        // measured run (a wait path first taken there deoptimises, and its interpreted downcalls allocate).
        // --wait yield runs in a JVM of its own (yieldLoopsAllocateNothingInTheirOwnJvm): after spin's
        // waits in this JVM its receiver allocated (280, 73,440, 692,440 bytes in failed runs).
        return Stream.of("shm wait=spin;ring-size=4096", "shm wait=futex;ring-size=4096", "nio-pipe", "nio-local",
                "nio-tcp");
    }

    static IpcSpec spec(String text) {
        String[] parts = text.split(" ", 2);
        Mechanism m = Mechanisms.require(parts[0]);
        return new IpcSpec(m, 0, 0, 0, false, ipclab.ipc.Settings.parse(m, parts.length > 1 ? parts[1] : ""), BLOCK);
    }

    /**
     * The sender and receiver loops on a mechanism's own transfer, between two threads: nothing
     * allocated per call, waits included (a 4 KiB ring fills, so the futex run sleeps and wakes).
     */
    @ParameterizedTest
    @MethodSource("transfers")
    void transferLoopsAllocateNothing(String mechanism) throws Exception {
        transfersAllocateNothing(spec(mechanism), RunProbes.NONE, 1);
    }

    /**
     * -i udp's loops, with the receive deadline: the receiver asks for one datagram more than the
     * sender sends, so every run, warm ones included, ends on the deadline (SO_RCVTIMEO's EAGAIN
     * after the last datagram that came, dropped ones or not), the way a run with drops ends. The
     * two threads start each run together, so that no run's datagrams reach the next. Nothing
     * allocated, the deadline's way out included.
     */
    @Test
    void udpLoopsWithTheReceiveDeadlineAllocateNothing() throws Exception {
        IpcSpec spec = IpcSpec.of(Mechanisms.require("udp")).withMessageBytes(BLOCK);
        assertWarm(() -> Warmup.twoThreads(spec, BLOCK, RunProbes.NONE));
        try (EndpointPair pair = spec.open();
                var sends = spec.transfer(pair.writer());
                var receives = spec.transfer(pair.reader());
                NativeBuffer rb = new NativeBuffer(BLOCK, (byte) 1);
                NativeBuffer wb = new NativeBuffer(BLOCK, (byte) 2)) {
            assertThat(receives.receiveDeadlineNanos()).isPositive();
            SendLoop sender = SendLoop.of(RunProbes.NONE, sends);
            ReceiveLoop receiver = ReceiveLoop.of(RunProbes.NONE, receives);
            long sent = (long) CALLS * BLOCK;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            long[] senderAllocated = new long[2];
            Thread sending = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i <= WARM_ROUNDS; i++) {
                        together.await();
                        senderAllocated[0] = allocated();
                        sender.run(pair.writer().value(), wb.address(), BLOCK, sent);
                        senderAllocated[1] = allocated();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long before = 0;
            long after = 0;
            for (int i = 0; i <= WARM_ROUNDS; i++) {
                together.await();
                before = allocated();
                receiver.run(pair.reader().value(), rb.address(), BLOCK, sent + BLOCK);
                after = allocated();
                assertThat(receiver.receivedBytes()).as("run %d ended on the deadline", i).isPositive()
                        .isLessThanOrEqualTo(sent);
            }
            sending.join();
            assertThat(sender.writes()).isEqualTo(CALLS);
            assertThat(receiver.reads()).isEqualTo(receiver.receivedBytes() / BLOCK + 1);
            assertThat(after - before).as("receiver bytes allocated").isZero();
            assertThat(senderAllocated[1] - senderAllocated[0]).as("sender bytes allocated").isZero();
        }
    }

    /**
     * --wait yield's loops, in a JVM that runs no other wait, as one ipclab run does: nothing
     * allocated. In this test's JVM, after spin's waits, the yield receiver allocated in some
     * runs (280, 73,440 and 692,440 bytes): the strategies share RingEnd's wait loops, which
     * HotSpot had compiled from spin's profile with a trap where sched_yield is. Alone, it
     * allocated 64,640 bytes once (2026-12-04), with the warm-up then stopping on C2 code for the
     * loop methods alone: the wait paths, too cold for C2, were still C1, whose downcalls
     * allocate (the capture segment's slice). The warm-up now also waits for a round that
     * allocated nothing.
     */
    @Test
    void yieldLoopsAllocateNothingInTheirOwnJvm() throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        // The flags the pom's argLine gives the test JVM.
        command.addAll(java.util.List.of("--enable-native-access=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"));
        command.addAll(java.util.List.of(AllocationIT.class.getName(), "shm wait=yield;ring-size=4096"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("allocated nothing: shm wait=yield;ring-size=4096");
    }

    /** {@link #transfersAllocateNothing} for the spec text given, in this JVM alone; exit 1 on a failure. */
    public static void main(String[] args) throws Exception {
        try {
            transfersAllocateNothing(spec(args[0]), RunProbes.NONE, 1);
        } catch (AssertionError e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
        System.out.println("allocated nothing: " + args[0]);
        System.exit(0);
    }
}
