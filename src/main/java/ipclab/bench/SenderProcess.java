package ipclab.bench;

import ipclab.ipc.IpcType;
import ipclab.sys.Fd;
import ipclab.sys.Libc;

/**
 * The 2proc child: a JVM whose stdin is the control socket. It serves runs until the parent
 * closes the socket: receive the writer descriptor, prime (and warm once), report ready, wait
 * for go, sleep a second unless bare, send, close the descriptor, report. It never prints on
 * stdout; a failure goes back to the parent in the report.
 */
public final class SenderProcess {
    private SenderProcess() {}

    public static void main(String[] args) {
        Thread.currentThread().setName("ipclab-sender");
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
        Sender sender = new Sender().prime();
        int pid = (int) ProcessHandle.current().pid();
        int tid = Libc.gettid();
        boolean warmed = false;
        while (control.receive()) {
            if (control.type() != ControlChannel.TRIAL || control.passedFd() < 0) {
                System.err.println("ipclab sender process: unexpected message " + control.type());
                return 70;
            }
            int bufferSizeBytes = (int) control.a();
            long totalBytes = control.b();
            long flags = control.c();
            boolean bare = (flags & ControlChannel.FLAG_BARE) != 0;
            IpcType ipcType = IpcType.values()[(int) (flags >> 8)];
            try (Fd writer = new Fd(control.passedFd());
                    NativeBuffer buffer = new NativeBuffer(bufferSizeBytes, (byte) 2)) {
                if ((flags & ControlChannel.FLAG_WARM) != 0 && !warmed) {
                    Warmup.twoThreads(ipcType, bufferSizeBytes);
                    warmed = true;
                }
                control.send(ControlChannel.READY, 0, pid, tid, 0, "", -1);
                if (!control.receive()) {
                    return 0;
                }
                if (!bare) {
                    Thread.sleep(1000);
                }
                try {
                    sender.run(writer.value(), buffer.address(), bufferSizeBytes, totalBytes);
                } catch (TransferException e) {
                    writer.close();
                    control.send(ControlChannel.DONE, 1, 0, 0, 0, e.getMessage(), -1);
                    continue;
                }
                writer.close();
                control.send(ControlChannel.DONE, 0, sender.startNanos(), sender.writes(), totalBytes, "", -1);
            }
        }
        return 0;
    }
}
