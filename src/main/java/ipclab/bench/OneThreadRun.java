package ipclab.bench;

import ipclab.ipc.EndpointPair;
import ipclab.sys.CpuSet;
import ipclab.sys.Fd;
import ipclab.sys.Libc;
import ipclab.sys.SysException;
import java.util.List;

/**
 * 1thread: the loop in the calling thread, with both descriptors made non-blocking first. With
 * --cpus the calling thread is placed on the (one) CPU for the run and given its old affinity
 * back afterwards.
 */
final class OneThreadRun {
    private OneThreadRun() {}

    static void makeNonBlocking(EndpointPair pair) throws SysException {
        for (Fd fd : new Fd[] {pair.reader(), pair.writer()}) {
            int flags = Libc.fcntl(fd.value(), Libc.F_GETFL, 0);
            Libc.fcntl(fd.value(), Libc.F_SETFL, flags | Libc.O_NONBLOCK);
        }
    }

    static Timing transfer(EndpointPair pair, NativeBuffer readBuffer, NativeBuffer writeBuffer, int bufferSizeBytes,
            long totalBytes, RunListener listener, List<Integer> cpus, RunProbes probes) throws Exception {
        makeNonBlocking(pair);
        BothEndsLoop loop = BothEndsLoop.of(probes);
        ThreadUsage usage = probes.usage() ? new ThreadUsage() : null;
        List<Integer> before = CpuSet.allowed();
        int cpu = CpuPlan.receiver(cpus);
        if (cpu >= 0) {
            CpuSet.pin(List.of(cpu));
        }
        try {
            List<Integer> placed = CpuSet.allowed();
            int tid = Libc.gettid();
            listener.ready(new Participants((int) ProcessHandle.current().pid(), tid, tid, -1));
            try {
                if (usage != null) {
                    usage.before();
                }
                loop.run(pair.reader().value(), pair.writer().value(), readBuffer.address(), writeBuffer.address(),
                        bufferSizeBytes, totalBytes);
                if (usage != null) {
                    usage.after();
                }
            } finally {
                listener.finished();
            }
            String scope = "thread " + Thread.currentThread().getName() + " (RUSAGE_THREAD; both ends)";
            return new Timing(loop.startNanos(), loop.endNanos(), loop.reads(), loop.writes(), loop.polls(),
                    usage == null ? null : usage.delta(scope), new Placement(placed, placed));
        } finally {
            if (cpu >= 0) {
                CpuSet.pin(before);
            }
        }
    }
}
