package ipclab.ipc;

import ipclab.sys.Fd;
import ipclab.sys.SysException;
import ipclab.sys.Sockets;
import java.util.List;

/**
 * The socket mechanisms' share: SO_SNDBUF on the writer and SO_RCVBUF on the reader when
 * {@code -s} asks, then what the kernel granted (Linux doubles a request, socket(7)).
 */
public final class SocketBuffers {
    public static final String SNDBUF = "sndbuf_bytes";
    public static final String RCVBUF = "rcvbuf_bytes";

    private SocketBuffers() {}

    /** Sizes the pair as {@code spec} asks and reads the grants back; the caller closes on failure. */
    public static Grants apply(Fd reader, Fd writer, IpcSpec spec) throws SysException {
        if (spec.socketBufferBytes() > 0) {
            Sockets.setsockopt(writer.value(), Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, spec.socketBufferBytes());
            Sockets.setsockopt(reader.value(), Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, spec.socketBufferBytes());
        }
        int snd = Sockets.getsockopt(writer.value(), Sockets.SOL_SOCKET, Sockets.SO_SNDBUF);
        int rcv = Sockets.getsockopt(reader.value(), Sockets.SOL_SOCKET, Sockets.SO_RCVBUF);
        return Grants.of(SNDBUF, snd, RCVBUF, rcv);
    }

    /** {@code sndbuf: 8192 (granted; 4096 asked)} and the same for rcvbuf. */
    public static List<String> describe(IpcSpec spec, Grants granted) {
        String asked = spec.socketBufferBytes() > 0
                ? " (granted; " + spec.socketBufferBytes() + " asked)" : " (kernel default)";
        return List.of("sndbuf: " + granted.get(SNDBUF) + asked, "rcvbuf: " + granted.get(RCVBUF) + asked);
    }
}
