package ipclab.ipc.splice;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.MechanismSetting;
import ipclab.ipc.PipeCapacity;
import ipclab.ipc.Transfer;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.Pipes;
import ipclab.sys.Splices;
import ipclab.sys.SysException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code -i splice}: a pipe written with vmsplice(2), read with read(2) or, with
 * {@code --splice-receiver}, spliced to /dev/null ({@link SpliceTransfer}). Its capacity is set
 * with F_SETPIPE_SZ to the largest power-of-two number of pages not above the block (-b), at
 * least one page and at most /proc/sys/fs/pipe-max-size: a block then takes at least every slot
 * of the pipe, which is what lets the sender reuse a buffer two blocks later. The stream workload
 * only: a round trip's message is small and read back before the next one is sent, so there is no
 * bulk to move by reference, and vmsplice's page pinning would be all that is measured.
 */
public final class SpliceMechanism implements Mechanism {
    public static final SpliceMechanism INSTANCE = new SpliceMechanism();
    static final String RECEIVER = "splice-receiver";
    private static final long PAGE_BYTES = 4096;

    private static final List<MechanismSetting> SETTINGS = List.of(MechanismSetting.flag(RECEIVER,
            "the receiver splice(2)s the pipe's pages to /dev/null instead of read(2)ing them: nothing is copied"));

    private SpliceMechanism() {}

    @Override
    public String name() {
        return "splice";
    }

    @Override
    public String description() {
        return "vmsplice(2) into a pipe: the sender's pages, not its bytes (--splice-receiver: splice(2) out)";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of();
    }

    @Override
    public List<MechanismSetting> settings() {
        return SETTINGS;
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        int capacity = capacityFor(spec.messageBytes(), pipeMaxSize());
        return EndpointPair.of(fds -> Pipes.pipe2(fds, Io.O_CLOEXEC),
                (reader, writer) -> Grants.of(PipeCapacity.FIELD, Pipes.capacity(writer.value(), capacity)));
    }

    /** The largest power-of-two number of pages not above {@code blockBytes}: one page at least, {@code max} at most. */
    static int capacityFor(int blockBytes, long max) {
        long pages = Math.max(1, blockBytes / PAGE_BYTES);
        long bytes = Long.highestOneBit(pages) * PAGE_BYTES;
        while (bytes > max && bytes > PAGE_BYTES) {
            bytes /= 2;
        }
        return (int) bytes;
    }

    private static long pipeMaxSize() {
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/fs/pipe-max-size"))) {
            return Long.parseLong(new String(in.readAllBytes()).strip());
        } catch (IOException | NumberFormatException e) {
            return 1 << 20;
        }
    }

    /**
     * A sender's transfer for a writer, a receiver's for a reader (with /dev/null opened when it
     * splices), both for the 1thread loop, non-blocking there.
     */
    @Override
    public Transfer transfer(IpcSpec spec, List<Fd> ends) throws SysException {
        boolean reads = false;
        for (Fd end : ends) {
            reads |= (Io.fcntl(end.value(), Io.F_GETFL, 0) & 3) == Pipes.O_RDONLY;
        }
        Fd sink = reads && spec.settings().on(RECEIVER) ? Splices.openNull() : null;
        return new SpliceTransfer(spec.messageBytes(), ends.size() > 1, sink);
    }

    @Override
    public List<String> grantFields() {
        return List.of(PipeCapacity.FIELD);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        boolean splices = spec.settings().on(RECEIVER);
        return List.of("pipesize: " + granted.get(PipeCapacity.FIELD)
                        + " (granted; the largest power-of-two pages not above -b, so a block fills the pipe)",
                "copied: sender nothing (vmsplice(2) puts its pages in the pipe; two buffers alternate, the second"
                        + " zeros); receiver " + (splices ? "nothing (splice(2) to /dev/null drops the pages; its buffer"
                        + " gets no byte)" : "every byte once (read(2) from the sender's pages)"));
    }

    @Override
    public List<String> loopCalls() {
        return List.of("vmsplice", "read", "splice", "poll");
    }

    @Override
    public boolean canShutDown() {
        return false;
    }

    @Override
    public void linkSetUp() {
        Pipes.link(false);
    }

    @Override
    public String toString() {
        return name();
    }
}
