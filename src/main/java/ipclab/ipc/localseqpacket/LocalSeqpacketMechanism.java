package ipclab.ipc.localseqpacket;

import ipclab.ipc.UnixMessageSocket;
import ipclab.sys.Sockets;

/**
 * {@code -i local-seqpacket}: socketpair(AF_UNIX, SOCK_SEQPACKET): sequenced, reliable,
 * connected messages: each write(2) one record, each read(2) one whole.
 */
public final class LocalSeqpacketMechanism extends UnixMessageSocket {
    public static final LocalSeqpacketMechanism INSTANCE = new LocalSeqpacketMechanism();

    private LocalSeqpacketMechanism() {
        super("local-seqpacket", "socketpair(AF_UNIX, SOCK_SEQPACKET): sequenced packets, boundaries kept",
                Sockets.SOCK_SEQPACKET);
    }
}
