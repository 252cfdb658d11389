package ipclab.ipc;

/**
 * What the kernel granted for an endpoint pair, read back after set-up: Linux rounds pipe sizes to
 * pages and doubles socket buffer requests, so the request alone does not say what was measured.
 * A value of -1 means "does not apply to this IPC type".
 *
 * @param pipeCapacityBytes F_GETPIPE_SZ of the pipe
 * @param sendBufferBytes SO_SNDBUF of the writing socket
 * @param receiveBufferBytes SO_RCVBUF of the reading socket
 * @param tcpPort the port the TCP listener was bound to
 */
public record KernelBuffers(int pipeCapacityBytes, int sendBufferBytes, int receiveBufferBytes, int tcpPort) {
    public static final KernelBuffers NONE = new KernelBuffers(-1, -1, -1, -1);
}
