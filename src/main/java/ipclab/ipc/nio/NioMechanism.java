package ipclab.ipc.nio;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mode;
import ipclab.ipc.Transfer;
import ipclab.sys.Fd;
import ipclab.sys.SysException;
import java.io.IOException;
import java.nio.channels.Channel;
import java.util.List;
import java.util.Set;

/**
 * What the three java.nio mechanisms share: the same loops and I/O pattern as their raw twins
 * (pipe, local, tcp), through JDK channels in blocking mode ({@link ChannelTransfer}), so the
 * ratio of the two is what the JDK adds per call. 2thread only: the 2proc child is handed its end
 * as a descriptor, and the JDK cannot wrap a received descriptor in a channel (a {@code Pipe}'s
 * ends cannot reach another process at all; a socket's could only by the child connecting
 * itself, which ipclab's child does not do); 1thread polls descriptors, which a blocking channel
 * does not expect.
 */
abstract class NioMechanism implements Mechanism {
    /** The channel pair: reader first. */
    record Channels(Channel reader, Channel writer) {}

    abstract Channels openChannels(IpcSpec spec) throws IOException, SysException;

    abstract String twin();

    @Override
    public Set<Mode> modes() {
        return Set.of(Mode.TWO_THREAD);
    }

    @Override
    public Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of();
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        Channels c;
        try {
            c = openChannels(spec);
        } catch (IOException e) {
            throw new SysException("java.nio", name() + ": " + e.getMessage());
        }
        Fd reader;
        try {
            reader = OpenChannels.adopt(c.reader());
        } catch (SysException e) {
            OpenChannels.closeQuietly(c.writer());
            throw e;
        }
        Fd writer;
        try {
            writer = OpenChannels.adopt(c.writer());
        } catch (SysException e) {
            reader.close();
            throw e;
        }
        return new EndpointPair(reader, writer, Grants.NONE);
    }

    @Override
    public Transfer transfer(IpcSpec spec, List<Fd> ends) throws SysException {
        return new ChannelTransfer(ends);
    }

    /** The warm-up talks to itself on a pair of its own kind: its loops then run the JDK's paths. */
    @Override
    public EndpointPair openLoopback(IpcSpec spec) throws SysException {
        return open(spec);
    }

    @Override
    public List<String> grantFields() {
        return List.of();
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        return List.of("channels: blocking, direct ByteBuffers over the loop's buffers (the raw twin is -i " + twin()
                + ")");
    }

    @Override
    public void linkSetUp() {}

    @Override
    public String toString() {
        return name();
    }
}
