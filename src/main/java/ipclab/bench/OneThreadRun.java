package ipclab.bench;

import ipclab.ipc.EndpointPair;
import ipclab.sys.Fd;
import ipclab.sys.Libc;
import ipclab.sys.SysException;

/** 1thread: the loop in the calling thread, with both descriptors made non-blocking first. */
final class OneThreadRun {
    private OneThreadRun() {}

    static void makeNonBlocking(EndpointPair pair) throws SysException {
        for (Fd fd : new Fd[] {pair.reader(), pair.writer()}) {
            int flags = Libc.fcntl(fd.value(), Libc.F_GETFL, 0);
            Libc.fcntl(fd.value(), Libc.F_SETFL, flags | Libc.O_NONBLOCK);
        }
    }

    static Timing transfer(EndpointPair pair, NativeBuffer readBuffer, NativeBuffer writeBuffer, int bufferSizeBytes,
            long totalBytes, RunListener listener) throws Exception {
        makeNonBlocking(pair);
        OneThreadLoop loop = new OneThreadLoop().prime();
        int tid = Libc.gettid();
        listener.ready(new Participants((int) ProcessHandle.current().pid(), tid, tid, -1));
        try {
            loop.run(pair.reader().value(), pair.writer().value(), readBuffer.address(), writeBuffer.address(),
                    bufferSizeBytes, totalBytes);
        } finally {
            listener.finished();
        }
        return new Timing(loop.startNanos(), loop.endNanos(), loop.reads(), loop.writes(), loop.polls());
    }
}
