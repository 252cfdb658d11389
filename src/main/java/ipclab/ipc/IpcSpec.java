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
 * @param settings the mechanism's own settings ({@link Mechanism#settings}), every one given or
 *     defaulted
 * @param messageBytes the size of the messages the loops will move (the user buffer): what a
 *     mechanism that sizes its object by its messages (a queue, a ring) needs; 0 when unknown
 */
public record IpcSpec(Mechanism mechanism, int tcpPort, int socketBufferBytes, int pipeSizeBytes,
        boolean exchange, Settings settings, int messageBytes) {
    /** A pair for a one-way stream. */
    public IpcSpec(Mechanism mechanism, int tcpPort, int socketBufferBytes, int pipeSizeBytes) {
        this(mechanism, tcpPort, socketBufferBytes, pipeSizeBytes, false);
    }

    /** A pair with the mechanism's default settings. */
    public IpcSpec(Mechanism mechanism, int tcpPort, int socketBufferBytes, int pipeSizeBytes, boolean exchange) {
        this(mechanism, tcpPort, socketBufferBytes, pipeSizeBytes, exchange, Settings.of(mechanism, java.util.Map.of()),
                0);
    }

    public IpcSpec {
        java.util.Objects.requireNonNull(settings, "settings");
    }

    public static IpcSpec of(Mechanism mechanism) {
        return new IpcSpec(mechanism, 0, 0, 0);
    }

    /** The same pair for messages that go back and forth: see {@code exchange}. */
    public IpcSpec exchanging() {
        return new IpcSpec(mechanism, tcpPort, socketBufferBytes, pipeSizeBytes, true, settings, messageBytes);
    }

    /** The same pair for messages of {@code bytes} (a warm-up's smaller ones). */
    public IpcSpec withMessageBytes(int bytes) {
        return new IpcSpec(mechanism, tcpPort, socketBufferBytes, pipeSizeBytes, exchange, settings, bytes);
    }

    /** The transfer one loop uses on {@code ends} ({@link Mechanism#transfer}). */
    public Transfer transfer(ipclab.sys.Fd... ends) throws ipclab.sys.SysException {
        return mechanism.transfer(this, java.util.List.of(ends));
    }

    /** Makes the pair this spec describes. */
    public EndpointPair open() throws ipclab.sys.SysException {
        return mechanism.open(this);
    }
}
