package ipclab.bench;

/** The receiving half: {@link Receiver}, or {@link EventReceiver} with a flight-recorder event per read(2). */
interface ReceiveLoop {
    void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes) throws TransferException;

    long endNanos();

    long reads();

    static ReceiveLoop of(RunProbes probes) {
        return probes.callEvents() ? new EventReceiver().prime() : new Receiver().prime();
    }
}
