package ipclab.ipc.localdgram;

import ipclab.ipc.UnixMessageSocket;
import ipclab.sys.Sockets;

/**
 * {@code -i local-dgram}: socketpair(AF_UNIX, SOCK_DGRAM): datagrams between two connected
 * sockets: each write(2) one datagram, each read(2) one whole; a full queue blocks the sender
 * (net.unix.max_dgram_qlen datagrams, or the send buffer), nothing is dropped.
 */
public final class LocalDgramMechanism extends UnixMessageSocket {
    public static final LocalDgramMechanism INSTANCE = new LocalDgramMechanism();

    private LocalDgramMechanism() {
        super("local-dgram", "socketpair(AF_UNIX, SOCK_DGRAM): Unix datagrams, boundaries kept, never lost",
                Sockets.SOCK_DGRAM);
    }
}
