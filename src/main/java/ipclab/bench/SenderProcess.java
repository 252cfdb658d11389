package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.model.ConfigText;
import ipclab.run.CpuPlan;
import ipclab.run.SenderChild;

import ipclab.probe.RunProbes;
import ipclab.probe.ThreadUsage;
import ipclab.probe.WriteEvent;
import ipclab.run.ControlChannel;
import ipclab.run.NativeBuffer;
import ipclab.run.Worker;
import ipclab.workload.stream.SendLoop;
import ipclab.workload.stream.Warmup;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
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
 * The 2proc child: a JVM whose stdin is the control socket. It serves runs until the parent
 * closes the socket: receive the writer descriptor, warm once (unless bare), start an
 * {@code ipclab-sender} thread for the run that places itself (--cpus) and takes a private
 * descriptor table (unless --shared-fd-table: the sender of ipc-static's 2proc is a
 * single-threaded process), report ready with that thread's id and the CPUs it may run on, wait
 * for go, and let it sleep a second unless bare and send (reading its RUSAGE_THREAD around the
 * loop with -g); then close the descriptor and report. With --jfr-calls and a recording name it records its
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
        boolean warmed = false;
        Recording recording = null;
        while (control.receive()) {
            if (control.type() != ControlChannel.TRIAL || control.passedFd() < 0) {
                System.err.println("ipclab sender process: unexpected message " + control.type());
                return 70;
            }
            ConfigText.Parsed trial = ConfigText.parse(control.text());
            BenchConfig config = trial.config();
            int bufferSizeBytes = config.bufferSizeBytes();
            long totalBytes = config.totalSizeBytes();
            boolean bare = config.bare();
            boolean usage = trial.flag(SenderChild.USAGE);
            boolean callEvents = trial.flag(SenderChild.CALL_EVENTS);
            boolean privateFdTable = config.privateFdTable();
            Mechanism mechanism = config.mechanism();
            int cpu = CpuPlan.sender(config.cpus());
            String recordingPath = trial.extra().getOrDefault(SenderChild.RECORDING, "");
            RunProbes probes = new RunProbes(usage, callEvents, null);
            SendLoop sender = SendLoop.of(probes);
            ThreadUsage senderUsage = usage ? new ThreadUsage() : null;
            try (Fd writer = new Fd(control.passedFd());
                    NativeBuffer buffer = new NativeBuffer(bufferSizeBytes, (byte) 2)) {
                if (callEvents && !recordingPath.isEmpty() && recording == null) {
                    // Started before the warm-up (the recorder's start-up must not sit next to a
                    // timed region), its events enabled after it (the warm-up's calls are not the run's).
                    recording = new Recording();
                    recording.start();
                }
                if (trial.flag(SenderChild.WARM) && !warmed) {
                    Warmup.twoThreads(mechanism, bufferSizeBytes, probes);
                    warmed = true;
                }
                if (recording != null) {
                    recording.enable(WriteEvent.class);
                }
                int fd = writer.value();
                CountDownLatch ready = new CountDownLatch(1);
                CountDownLatch go = new CountDownLatch(1);
                int[] owned = privateFdTable ? new int[] {fd} : null;
                Worker sending = new Worker(SENDER_THREAD, cpu, owned, ready, go, () -> {
                    if (!bare) {
                        Thread.sleep(1000);
                    }
                    if (senderUsage != null) {
                        senderUsage.before();
                    }
                    sender.run(fd, buffer.address(), bufferSizeBytes, totalBytes);
                    if (senderUsage != null) {
                        senderUsage.after();
                    }
                }, writer::close).start();
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
                    writer.close(); // the sender's copy is now the only one here
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
                writer.close();
                if (failure != null) {
                    control.send(ControlChannel.DONE, 1, 0, 0, 0, String.valueOf(failure.getMessage()), -1);
                    continue;
                }
                long[] done = new long[3 + ThreadUsage.WORDS];
                done[0] = sender.startNanos();
                done[1] = sender.writes();
                done[2] = totalBytes;
                if (senderUsage != null) {
                    System.arraycopy(ThreadUsage.toWords(senderUsage.delta("")), 0, done, 3, ThreadUsage.WORDS);
                }
                if (recording != null) {
                    recording.dump(Path.of(recordingPath));
                }
                control.send(ControlChannel.DONE, 0, done, "", -1);
            }
        }
        return 0;
    }
}
