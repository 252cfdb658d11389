package ipclab.ipc.nio;

import ipclab.ipc.IpcSpec;
import java.io.IOException;
import java.nio.channels.Pipe;

/** {@code -i nio-pipe}: {@code java.nio.channels.Pipe}, a pipe(2) underneath, its source read and its sink written. */
public final class NioPipeMechanism extends NioMechanism {
    public static final NioPipeMechanism INSTANCE = new NioPipeMechanism();

    private NioPipeMechanism() {}

    @Override
    public String name() {
        return "nio-pipe";
    }

    @Override
    public String description() {
        return "java.nio.channels.Pipe (a pipe underneath), 2thread only";
    }

    @Override
    String twin() {
        return "pipe";
    }

    @Override
    Channels openChannels(IpcSpec spec) throws IOException {
        Pipe p = Pipe.open();
        return new Channels(p.source(), p.sink());
    }

    @Override
    public boolean canShutDown() {
        return false;
    }
}
