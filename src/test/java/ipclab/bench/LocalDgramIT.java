package ipclab.bench;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;

/** {@code -i local-dgram}: socketpair(AF_UNIX, SOCK_DGRAM), a Unix message socket. */
class LocalDgramIT extends MessageSocketContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("local-dgram");
    }

    @Override
    String socketType() {
        return "SOCK_DGRAM";
    }
}
