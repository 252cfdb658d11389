package ipclab.bench;

/** The 1thread loop: {@link OneThreadLoop}, or {@link EventOneThreadLoop} with an event per call. */
interface BothEndsLoop {
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
