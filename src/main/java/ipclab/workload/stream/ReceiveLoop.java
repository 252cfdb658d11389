package ipclab.workload.stream;

import ipclab.model.TransferException;
import ipclab.probe.RunProbes;

/** The receiving half: {@link Receiver}, or {@link EventReceiver} with a flight-recorder event per read(2). */
public interface ReceiveLoop {
    void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes) throws TransferException;

    long endNanos();

    long reads();

    static ReceiveLoop of(RunProbes probes) {
        return probes.callEvents() ? new EventReceiver().prime() : new Receiver().prime();
    }
}
