package ipclab.workload.stream;

import ipclab.model.TransferException;
import ipclab.probe.RunProbes;

/**
 * The sending half of 2thread and 2proc: {@link Sender}, or {@link EventSender} when every
 * write(2) is to be a flight-recorder event. Which one runs is decided before timing.
 */
public interface SendLoop {
    void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes) throws TransferException;

    long startNanos();

    long writes();

    static SendLoop of(RunProbes probes) {
        return probes.callEvents() ? new EventSender().prime() : new Sender().prime();
    }
}
