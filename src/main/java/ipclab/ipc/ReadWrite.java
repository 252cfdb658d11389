package ipclab.ipc;

import ipclab.sys.CallState;
import ipclab.sys.Io;

/** The transfer of every descriptor mechanism: write(2) sends, read(2) receives. Stateless. */
public final class ReadWrite implements Transfer {
    public static final ReadWrite INSTANCE = new ReadWrite();

    private ReadWrite() {}

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
}
