package ipclab.bench;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;

/** {@code -i local-seqpacket}: socketpair(AF_UNIX, SOCK_SEQPACKET), a Unix message socket. */
class LocalSeqpacketIT extends MessageSocketContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("local-seqpacket");
    }

    @Override
    String socketType() {
        return "SOCK_SEQPACKET";
    }
}
