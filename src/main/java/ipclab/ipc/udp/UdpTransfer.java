package ipclab.ipc.udp;

import ipclab.ipc.Transfer;
import ipclab.sys.CallState;
import ipclab.sys.Io;

/**
 * UDP's transfer: write(2) sends one datagram, read(2) takes one, as {@code ReadWrite} does, and
 * a read that waited {@link UdpMechanism#DEADLINE_MILLIS} returns -EAGAIN (SO_RCVTIMEO): the
 * stream's receiver then ends, counting what never came as dropped. Stateless.
 */
final class UdpTransfer implements Transfer {
    static final UdpTransfer INSTANCE = new UdpTransfer();

    private UdpTransfer() {}

    @Override
    public long send(CallState cs, int fd, long address, long count) {
        return Io.write(cs, fd, address, count);
    }

    @Override
    public long receive(CallState cs, int fd, long address, long count) {
        return Io.read(cs, fd, address, count);
    }

    @Override
    public void prime(CallState cs) {
        Io.prime(cs);
    }

    @Override
    public long receiveDeadlineNanos() {
        return UdpMechanism.DEADLINE_MILLIS * 1_000_000L;
    }
}
