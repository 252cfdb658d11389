package ipclab.workload.stream;

import ipclab.model.TransferException;
import ipclab.probe.RunProbes;

/** The 1thread loop: {@link OneThreadLoop}, or {@link EventOneThreadLoop} with an event per call. */
public interface BothEndsLoop {
    void run(int readFd, int writeFd, long readBuffer, long writeBuffer, int bufferSizeBytes, long totalBytes)
            throws TransferException;

    long startNanos();

    long endNanos();

    long reads();

    long writes();

    long polls();

    static BothEndsLoop of(RunProbes probes) {
        return probes.callEvents() ? new EventOneThreadLoop().prime() : new OneThreadLoop().prime();
    }
}
