package ipclab.ipc;

/**
 * How to make one endpoint pair.
 *
 * @param type the kind of kernel object
 * @param tcpPort the port to listen on for {@link IpcType#TCP} (0: any free port)
 * @param socketBufferBytes SO_SNDBUF on the writer and SO_RCVBUF on the reader; 0 leaves the
 *     kernel's defaults (sockets only)
 * @param pipeSizeBytes the pipe's capacity by fcntl(F_SETPIPE_SZ); 0 leaves the default (pipes only)
 */
public record IpcSpec(IpcType type, int tcpPort, int socketBufferBytes, int pipeSizeBytes) {
    public static IpcSpec of(IpcType type) {
        return new IpcSpec(type, 0, 0, 0);
    }
}
