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
 */
public record IpcSpec(Mechanism mechanism, int tcpPort, int socketBufferBytes, int pipeSizeBytes) {
    public static IpcSpec of(Mechanism mechanism) {
        return new IpcSpec(mechanism, 0, 0, 0);
    }

    /** Makes the pair this spec describes. */
    public EndpointPair open() throws ipclab.sys.SysException {
        return mechanism.open(this);
    }
}
