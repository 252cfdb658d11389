package ipclab.ipc;

/**
 * How to make one endpoint pair.
 *
 * @param mechanism the kind of kernel object
 * @param tcpPort the port to listen on, for mechanisms that listen (0: any free port)
 * @param socketBufferBytes SO_SNDBUF on the writer and SO_RCVBUF on the reader; 0 leaves the
 *     kernel's defaults ({@link IpcOption#SOCKET_BUFFERS})
 * @param pipeSizeBytes the pipe's capacity by fcntl(F_SETPIPE_SZ); 0 leaves the default
 *     ({@link IpcOption#PIPE_SIZE})
 * @param exchange the ends exchange messages back and forth (the latency workload): a mechanism
 *     that would hold a small write back to batch it (TCP's Nagle algorithm) sends it at once
 */
public record IpcSpec(Mechanism mechanism, int tcpPort, int socketBufferBytes, int pipeSizeBytes,
        boolean exchange) {
    /** A pair for a one-way stream. */
    public IpcSpec(Mechanism mechanism, int tcpPort, int socketBufferBytes, int pipeSizeBytes) {
        this(mechanism, tcpPort, socketBufferBytes, pipeSizeBytes, false);
    }

    public static IpcSpec of(Mechanism mechanism) {
        return new IpcSpec(mechanism, 0, 0, 0);
    }

    /** The same pair for messages that go back and forth: see {@code exchange}. */
    public IpcSpec exchanging() {
        return new IpcSpec(mechanism, tcpPort, socketBufferBytes, pipeSizeBytes, true);
    }

    /** Makes the pair this spec describes. */
    public EndpointPair open() throws ipclab.sys.SysException {
        return mechanism.open(this);
    }
}
