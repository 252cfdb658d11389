package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.model.ConfigText;
import ipclab.run.CpuPlan;
import ipclab.run.SenderChild;

import ipclab.probe.RunProbes;
import ipclab.probe.ThreadUsage;
import ipclab.probe.WriteEvent;
import ipclab.run.ControlChannel;
import ipclab.run.Worker;
import ipclab.run.ChildHalf;
import ipclab.run.Workload;

import ipclab.sys.CpuSet;
import ipclab.sys.Clocks;
import ipclab.sys.Fd;
import ipclab.sys.Processes;
import ipclab.sys.Sched;
import ipclab.sys.SysException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;

/**
 * The 2proc child: a JVM whose stdin is the control socket. It serves runs, of any workload,
 * until the parent closes the socket: receive the run's ends, make the workload's
 * {@link ChildHalf} for them, warm it once per workload (unless bare), start an
 * {@code ipclab-sender} thread for the run that places itself (--cpus) and takes a private
 * descriptor table (unless --shared-fd-table: the sender of ipc-static's 2proc is a
 * single-threaded process), report ready with that thread's id and the CPUs it may run on, wait
 * for go, and run the half (reading its RUSAGE_THREAD around it with -g); then close the ends
 * and report. With --jfr-calls and a recording name it records its
 * write events and dumps them there after each run. It never prints on stdout; a failure goes
 * back to the parent in the report.
 */
public final class SenderProcess {
    static final String SENDER_THREAD = "ipclab-sender";

    private SenderProcess() {}

    /** Starts a child JVM that serves 2proc runs with this class's {@link #main}. */
    public static SenderChild spawn() throws SysException {
        return SenderChild.spawn(SenderProcess.class.getName());
    }

    public static void main(String[] args) {
        Thread.currentThread().setName("ipclab-control");
        int status;
        try (ControlChannel control = new ControlChannel(new Fd(0))) {
            status = serve(control);
        } catch (Exception e) {
            System.err.println("ipclab sender process: " + e.getMessage());
            status = 74;
        }
        System.exit(status);
    }

    private static int serve(ControlChannel control) throws Exception {
        int pid = (int) ProcessHandle.current().pid();
        Processes.link(true, true);
        Sched.link();
        Clocks.link();
        java.util.Set<String> warmed = new java.util.HashSet<>();
        Recording recording = null;
        while (control.receive()) {
            if (control.type() == ControlChannel.WARM) {
                ipclab.run.JitStatus.startAsking();
                ConfigText.Parsed asked = ConfigText.parse(control.text());
                Workload workload = Workloads.of(asked.config());
                workload.linkSetUp();
                String path = asked.extra().getOrDefault(SenderChild.RECORDING, "");
                if (asked.flag(SenderChild.CALL_EVENTS) && !path.isEmpty() && recording == null) {
                    recording = new Recording(); // before the warm-up, as for a TRIAL
                    recording.start();
                }
                try {
                    workload.warmChild(asked.config(), new RunProbes(asked.flag(SenderChild.USAGE),
                            asked.flag(SenderChild.CALL_EVENTS), null));
                    warmed.add(workload.name());
                    control.send(ControlChannel.WARMED, 0, 0, 0, 0, "", -1);
                } catch (Exception e) {
                    control.send(ControlChannel.WARMED, 1, 0, 0, 0, String.valueOf(e.getMessage()), -1);
                }
                continue;
            }
            int[] passed = control.passedFds();
            if (control.type() != ControlChannel.TRIAL || passed.length == 0) {
                System.err.println("ipclab sender process: unexpected message " + control.type());
                return 70;
            }
            ConfigText.Parsed trial = ConfigText.parse(control.text());
            BenchConfig config = trial.config();
            Workload workload = Workloads.of(config);
            boolean usage = trial.flag(SenderChild.USAGE);
            boolean callEvents = trial.flag(SenderChild.CALL_EVENTS);
            int cpu = CpuPlan.sender(config.cpus());
            String recordingPath = trial.extra().getOrDefault(SenderChild.RECORDING, "");
            RunProbes probes = new RunProbes(usage, callEvents, null);
            ThreadUsage childUsage = usage ? new ThreadUsage() : null;
            Fd[] ends = new Fd[passed.length];
            for (int i = 0; i < passed.length; i++) {
                ends[i] = new Fd(passed[i]);
            }
            workload.linkSetUp();
            try (Ends owned = new Ends(ends); ChildHalf half = workload.childHalf(config, probes, ends)) {
                if (callEvents && !recordingPath.isEmpty() && recording == null) {
                    // Started before the warm-up (the recorder's start-up must not sit next to a
                    // timed region), its events enabled after it (the warm-up's calls are not the run's).
                    recording = new Recording();
                    recording.start();
                }
                if (trial.flag(SenderChild.WARM) && warmed.add(workload.name())) {
                    workload.warmChild(config, probes);
                }
                if (recording != null) {
                    recording.enable(WriteEvent.class);
                }
                CountDownLatch ready = new CountDownLatch(1);
                CountDownLatch go = new CountDownLatch(1);
                int[] privateFds = config.privateFdTable() ? passed : null;
                Worker sending = new Worker(SENDER_THREAD, cpu, privateFds, ready, go, () -> {
                    half.beforeRun();
                    Worker.Body.measured(childUsage, half::run).run();
                }, owned::close).start();
                ready.await();
                Throwable setUp = sending.setUpFailure();
                if (setUp != null) {
                    Worker.release(go, sending);
                    // A kernel refusal travels as its call and errno, so the parent reports it as one (71).
                    if (setUp instanceof SysException refused) {
                        control.send(ControlChannel.READY, 1, pid, sending.tid(), refused.errno(), refused.call(), -1);
                    } else {
                        control.send(ControlChannel.READY, 1, pid, sending.tid(), 0, setUp.getMessage(), -1);
                    }
                    continue;
                }
                if (sending.hasPrivateFdTable()) {
                    owned.close(); // the worker's copies are now the only ones here
                }
                control.send(ControlChannel.READY, 0, pid, sending.tid(), CpuSet.toMask(sending.cpusAllowed()), "",
                        -1);
                if (!control.receive()) {
                    return 0;
                }
                if (control.type() == ControlChannel.CANCEL) {
                    Worker.release(go, sending);
                    continue;
                }
                if (control.type() != ControlChannel.GO) {
                    System.err.println("ipclab sender process: unexpected message " + control.type());
                    return 70;
                }
                go.countDown();
                Throwable failure = sending.join();
                owned.close();
                if (failure != null) {
                    control.send(ControlChannel.DONE, 1, 0, 0, 0, String.valueOf(failure.getMessage()), -1);
                    continue;
                }
                long[] done = new long[ControlChannel.WORDS];
                if (childUsage != null) {
                    System.arraycopy(ThreadUsage.toWords(childUsage.delta("")), 0, done, 0, ThreadUsage.WORDS);
                }
                long[] report = half.report();
                System.arraycopy(report, 0, done, ThreadUsage.WORDS, Math.min(report.length, ChildHalf.REPORT_WORDS));
                if (recording != null) {
                    recording.dump(Path.of(recordingPath));
                }
                control.send(ControlChannel.DONE, 0, done, "", -1);
            }
        }
        return 0;
    }

    /** The ends this run was handed, closed once (by the worker's failure, the private table's take-over, or the run's end). */
    private static final class Ends implements AutoCloseable {
        private final Fd[] ends;

        Ends(Fd[] ends) {
            this.ends = ends;
        }

        @Override
        public void close() {
            for (Fd end : ends) {
                end.close();
            }
        }
    }
}
