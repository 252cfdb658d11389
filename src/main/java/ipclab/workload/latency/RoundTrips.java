package ipclab.workload.latency;

import ipclab.ipc.IpcSpec;
import ipclab.ipc.Transfer;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.model.TransferException;
import ipclab.probe.ProcSched;
import ipclab.probe.ThreadUsage;
import ipclab.run.CpuPlan;
import ipclab.run.Failures;
import ipclab.run.NativeBuffer;
import ipclab.run.Participants;
import ipclab.run.RanOn;
import ipclab.run.RunContext;
import ipclab.run.SenderChild;
import ipclab.run.Timing;
import ipclab.run.Worker;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.SysException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;

/**
 * One timed run of the latency workload in each mode, on the run's ends. The initiator is
 * always a thread of this process ({@code ipclab-initiator}, or {@code ipclab-1thread}); the
 * responder ({@code ipclab-responder}) is another thread in 2thread, the child's sender thread in
 * 2proc. Participants take the initiator as the receiver and the responder as the sender (the
 * child's side), so tracers and -g see both, and their tables name them initiator and
 * responder. Each side reads the CPU it is on at its region's
 * edges and its migrations around it (outside the clock readings).
 */
final class RoundTrips {
    static final String INITIATOR = "ipclab-initiator";
    static final String RESPONDER = "ipclab-responder";
    static final String ONE_THREAD = "ipclab-1thread";

    private RoundTrips() {}

    static Timing run(RunContext ctx, IpcSpec spec) throws Exception {
        BenchConfig config = ctx.config();
        long clockPair = ClockCost.pairNanos();
        Histogram histogram = LatencyHistogram.create();
        int size = config.bufferSizeBytes();
        try (RoundTripEnds ends = RoundTripEnds.of(ctx.pair(), spec);
                NativeBuffer message = new NativeBuffer(size, (byte) 1);
                NativeBuffer answer = new NativeBuffer(size, (byte) 2);
                NativeBuffer echo = new NativeBuffer(size, (byte) 3)) {
            Buffers buffers = new Buffers(message, answer, echo, spec);
            Timing t = switch (config.mode()) {
                case ONE_THREAD -> oneThread(ctx, ends, buffers, histogram);
                case TWO_THREAD -> twoThreads(ctx, ends, buffers, histogram);
                case TWO_PROC -> twoProcesses(ctx, ends, buffers, histogram);
            };
            Map<String, Object> measured = new java.util.LinkedHashMap<>(
                    LatencyHistogram.fields(histogram, t.elapsedNanos(), config.rounds()));
            measured.putAll(t.measured());
            measured.put(LatencyWorkload.CLOCK_PAIR, clockPair);
            return new Timing(t.startNanos(), t.endNanos(), t.reads(), t.writes(), 0, t.usage(), t.placement(),
                    measured);
        }
    }

    /** The run's buffers, and the spec its loops take their transfers from. */
    record Buffers(NativeBuffer message, NativeBuffer answer, NativeBuffer echo, IpcSpec spec) {}

    /** A side's migrations over its loop: {@code body} between two readings of its sched file (-1 if unreadable). */
    static final class Migrations {
        volatile long count = -1;

        Worker.Body around(Worker.Body body) {
            return () -> {
                long before = ProcSched.migrationsOfThisThread();
                body.run();
                long after = ProcSched.migrationsOfThisThread();
                count = before < 0 || after < 0 ? -1 : after - before;
            };
        }
    }

    private static ThreadUsage usage(RunContext ctx) {
        return ctx.probes().usage() ? new ThreadUsage() : null;
    }

    static void makeNonBlocking(RoundTripEnds ends) throws SysException {
        for (int fd : ends.all()) {
            Io.setNonBlocking(fd);
        }
    }

    private static Timing oneThread(RunContext ctx, RoundTripEnds ends, Buffers b, Histogram h) throws Exception {
        makeNonBlocking(ends);
        try (Transfer both = b.spec().transfer(ends.allEnds())) {
            return oneThread(ctx, ends, b, (BothHalvesLoop) new BothHalvesLoop(both, h).prime());
        }
    }

    private static Timing oneThread(RunContext ctx, RoundTripEnds ends, Buffers b, BothHalvesLoop loop)
            throws Exception {
        ThreadUsage usage = usage(ctx);
        Migrations migrations = new Migrations();
        long rounds = ctx.config().rounds();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        int[] owned = ctx.config().privateFdTable() ? ends.all() : null;
        Worker worker = new Worker(ONE_THREAD, CpuPlan.receiver(ctx.config().cpus()), owned, ready, go,
                migrations.around(Worker.Body.measured(usage, () -> loop.run(ends, b.message().segment(),
                        b.echo().segment(), b.answer().segment(), rounds))),
                ends::closeAll).start();
        Worker.startTogether(ready, go, () -> ctx.listener().ready(
                new Participants((int) ProcessHandle.current().pid(), worker.tid(), worker.tid(), -1).named("initiator",
                        "responder")), worker);
        Throwable failure = worker.join();
        ctx.listener().finished();
        Failures.rethrow(failure, null);
        if (loop.badMessages > 0) {
            throw RoundTripLoop.garbled(loop.badMessages, 2 * rounds, "other end");
        }
        String scope = "thread " + ONE_THREAD + " (RUSAGE_THREAD; both halves)";
        return new Timing(loop.startNanos, loop.endNanos, loop.reads(), loop.writes(), 0,
                usage == null ? null : usage.delta(scope), new Placement(worker.cpusAllowed(), worker.cpusAllowed()),
                place(loop.cpuAtStart, loop.cpuAtEnd, migrations.count, loop.cpuAtStart, loop.cpuAtEnd,
                        migrations.count));
    }

    private static Worker initiatorWorker(RunContext ctx, RoundTripEnds ends, Buffers b, Initiator initiator,
            ThreadUsage usage, Migrations migrations, int[] privateFds, CountDownLatch ready, CountDownLatch go) {
        long rounds = ctx.config().rounds();
        int out = ends.initiatorOut();
        int in = ends.initiatorIn();
        return new Worker(INITIATOR, CpuPlan.receiver(ctx.config().cpus()), privateFds, ready, go,
                migrations.around(Worker.Body.measured(usage, () -> initiator.run(out, in, b.message().segment(),
                        b.answer().segment(), rounds))),
                () -> {
                    // a datagram peer gets no end of file from the close, nor an eventfd's reader
                    ends.wake(ctx.config().mechanism());
                    RoundTripEnds.close(ends.initiatorEnds());
                }).start();
    }

    private static Timing twoThreads(RunContext ctx, RoundTripEnds ends, Buffers b, Histogram h) throws Exception {
        try (Transfer initiating = b.spec().transfer(ends.initiatorEnds());
                Transfer responding = b.spec().transfer(ends.responderEnds())) {
            return twoThreads(ctx, ends, b, (Initiator) new Initiator(initiating, h).prime(),
                    (Responder) new Responder(responding).prime());
        }
    }

    private static Timing twoThreads(RunContext ctx, RoundTripEnds ends, Buffers b, Initiator initiator,
            Responder responder) throws Exception {
        long rounds = ctx.config().rounds();
        ThreadUsage initiatorUsage = usage(ctx);
        ThreadUsage responderUsage = usage(ctx);
        Migrations initiatorMoves = new Migrations();
        Migrations responderMoves = new Migrations();
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        int in = ends.responderIn();
        int out = ends.responderOut();
        Worker responding = new Worker(RESPONDER, CpuPlan.sender(ctx.config().cpus()), null, ready, go,
                responderMoves.around(Worker.Body.measured(responderUsage,
                        () -> responder.run(in, out, b.echo().segment(), rounds))),
                () -> {
                    ends.wake(ctx.config().mechanism());
                    RoundTripEnds.close(ends.responderEnds());
                }).start();
        Worker initiating = initiatorWorker(ctx, ends, b, initiator, initiatorUsage, initiatorMoves, null, ready, go);
        Worker.startTogether(ready, go, () -> ctx.listener().ready(
                new Participants((int) ProcessHandle.current().pid(), initiating.tid(), responding.tid(), -1)
                        .named("initiator", "responder")), initiating, responding);
        Throwable initiated = initiating.join();
        Throwable responded = responding.join();
        ctx.listener().finished();
        Failures.rethrow("initiator", initiated, "responder", responded);
        check(initiator.badMessages, responder.badMessages, rounds);
        String scope = "threads " + INITIATOR + "+" + RESPONDER + " (RUSAGE_THREAD)";
        ResourceUsage usage = initiatorUsage == null ? null
                : ThreadUsage.sum(scope, initiatorUsage.delta(scope), responderUsage.delta(scope));
        return new Timing(initiator.startNanos, initiator.endNanos, initiator.reads() + responder.reads(),
                initiator.writes() + responder.writes(), 0, usage,
                new Placement(initiating.cpusAllowed(), responding.cpusAllowed()),
                place(initiator.cpuAtStart, initiator.cpuAtEnd, initiatorMoves.count, responder.cpuAtStart,
                        responder.cpuAtEnd, responderMoves.count));
    }

    private static Timing twoProcesses(RunContext ctx, RoundTripEnds ends, Buffers b, Histogram h)
            throws Exception {
        BenchConfig config = ctx.config();
        long rounds = config.rounds();
        SenderChild child = ctx.child();
        Fd[] childEnds = ends.responderEnds();
        int responderTid = child.offer(childEnds, config, ctx.warmChild(), ctx.probes());
        // This process keeps none of the responder's ends: a child that dies ends the initiator's
        // read with end of file (or its write with EPIPE) at once.
        RoundTripEnds.close(childEnds);
        try (Transfer initiating = b.spec().transfer(ends.initiatorEnds())) {
            return twoProcesses(ctx, ends, b, (Initiator) new Initiator(initiating, h).prime(), responderTid);
        }
    }

    private static Timing twoProcesses(RunContext ctx, RoundTripEnds ends, Buffers b, Initiator initiator,
            int responderTid) throws Exception {
        BenchConfig config = ctx.config();
        long rounds = config.rounds();
        SenderChild child = ctx.child();
        ThreadUsage initiatorUsage = usage(ctx);
        Migrations initiatorMoves = new Migrations();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        int[] owned = config.privateFdTable() ? RoundTripEnds.values(ends.initiatorEnds()) : null;
        Worker initiating = initiatorWorker(ctx, ends, b, initiator, initiatorUsage, initiatorMoves, owned, ready, go);
        Worker.startTogether(ready, go, () -> {
            if (initiating.hasPrivateFdTable() && !config.mechanism().canShutDown()
                    && config.mechanism().endsOnLastClose()) {
                // The initiator's copies must be the last, or an initiator that fails would leave
                // the child blocked on its read. (A socket is shut down instead, an eventfd woken
                // through the copies kept here.)
                RoundTripEnds.close(ends.initiatorEnds());
            }
            try {
                ctx.listener().ready(new Participants((int) ProcessHandle.current().pid(), initiating.tid(),
                        responderTid, child.pid()).named("initiator", "responder"));
            } catch (Exception e) {
                child.cancel(); // or it would take the next run's TRIAL for this run's GO
                throw e;
            }
            child.go(); // the responder waits in read(2) before the first message is sent
        }, initiating);
        String scope = "threads " + INITIATOR + " (this process) + ipclab-sender (child process, the responder) "
                + "(RUSAGE_THREAD)";
        SenderChild.Done done = null;
        Throwable responded = null;
        try {
            done = child.awaitDone(initiatorUsage != null ? scope : null);
        } catch (Exception e) {
            responded = e;
            // A Unix datagram socket gets no end of file when its peer goes, nor an eventfd ever:
            // wake the initiator (through the ends this process still holds).
            ends.wake(config.mechanism());
        }
        Throwable initiated = initiating.join();
        ctx.listener().finished();
        Failures.rethrow("initiator", initiated, "responder", responded);
        long[] w = done.words(); // LatencyChildHalf.report
        check(initiator.badMessages, w[3], rounds);
        ResourceUsage usage = initiatorUsage == null ? null
                : ThreadUsage.sum(scope, initiatorUsage.delta(scope), done.usage());
        return new Timing(initiator.startNanos, initiator.endNanos, initiator.reads() + w[0],
                initiator.writes() + w[1], 0, usage, new Placement(initiating.cpusAllowed(), child.senderCpus()),
                place(new RanOn(initiator.cpuAtStart, initiator.cpuAtEnd, initiatorMoves.count),
                        RanOn.unpacked(w[2])));
    }

    private static void check(long initiatorBad, long responderBad, long rounds) throws TransferException {
        if (responderBad > 0) {
            throw RoundTripLoop.garbled(responderBad, rounds, "responder");
        }
        if (initiatorBad > 0) {
            throw RoundTripLoop.garbled(initiatorBad, rounds, "initiator");
        }
    }

    private static Map<String, Object> place(int iStart, int iEnd, long iMoves, int rStart, int rEnd, long rMoves) {
        return place(new RanOn(iStart, iEnd, iMoves), new RanOn(rStart, rEnd, rMoves));
    }

    private static Map<String, Object> place(RanOn initiator, RanOn responder) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        initiator.put(m, LatencyWorkload.INITIATOR);
        responder.put(m, LatencyWorkload.RESPONDER);
        return m;
    }
}
