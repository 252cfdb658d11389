package ipclab.ipc.mq;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.MechanismSetting;
import ipclab.ipc.Mode;
import ipclab.ipc.Settings;
import ipclab.ipc.Transfer;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.MessageQueues;
import ipclab.sys.Pipes;
import ipclab.sys.SysException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code -i mq}: a POSIX message queue, one message of -b bytes per send. The queue is made with
 * mq_open(O_CREAT | O_EXCL) under a private random name ({@code /ipclab-PID-RANDOM}, mode 0600),
 * opened a second time for writing, and unlinked at once, before either end is used: nothing of
 * it outlives the descriptors, whatever happens to the run or the process. Its depth is
 * {@code --mq-depth} (mq_maxmsg), its message size the run's -b (mq_msgsize); a size or depth
 * beyond /proc/sys/fs/mqueue's limits is refused before anything is made (a privileged process
 * could go beyond them: ipclab does not, so that a result means the same for every user), and
 * what the kernel granted is read back with mq_getattr and must be what was asked: never
 * silently capped.
 */
public final class MqMechanism implements Mechanism {
    public static final MqMechanism INSTANCE = new MqMechanism();
    static final String DEPTH = "mq-depth";
    static final String MAXMSG_FIELD = "mq_maxmsg";
    static final String MSGSIZE_FIELD = "mq_msgsize_bytes";
    /** The kernel's own default depth (msg_default) on a stock kernel. */
    static final long DEFAULT_DEPTH = 10;

    private static final List<MechanismSetting> SETTINGS = List.of(MechanismSetting.number(DEPTH, "N",
            "the queue's depth, mq_maxmsg, at most /proc/sys/fs/mqueue/msg_max", DEFAULT_DEPTH, 1, 65536));

    private MqMechanism() {}

    @Override
    public String name() {
        return "mq";
    }

    @Override
    public String description() {
        return "mq_open(3): a POSIX message queue, one message of -b bytes per mq_timedsend";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of();
    }

    @Override
    public Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public List<MechanismSetting> settings() {
        return SETTINGS;
    }

    @Override
    public void check(Mode mode, String workload, int messageBytes, List<Integer> cpus, Settings settings) {
        OptionalLong sizeMax = MqLimits.read(MqLimits.MSGSIZE_MAX);
        if (sizeMax.isPresent() && messageBytes > sizeMax.getAsLong()) {
            throw new IllegalArgumentException("-i mq: -b " + messageBytes + " is over " + MqLimits.MSGSIZE_MAX
                    + " (" + sizeMax.getAsLong() + "), the largest message a queue may take");
        }
        long depth = settings.number(DEPTH);
        OptionalLong depthMax = MqLimits.read(MqLimits.MSG_MAX);
        if (depthMax.isPresent() && depth > depthMax.getAsLong()) {
            throw new IllegalArgumentException("-i mq: --mq-depth " + depth + " is over " + MqLimits.MSG_MAX + " ("
                    + depthMax.getAsLong() + "), the deepest queue allowed");
        }
    }

    /** /proc/sys/fs/mqueue/msgsize_max. */
    @Override
    public long maxMessageBytes() {
        return MqLimits.read(MqLimits.MSGSIZE_MAX).orElse(Long.MAX_VALUE);
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        return open(spec.settings().number(DEPTH), spec.messageBytes());
    }

    /**
     * The latency warm-up's loopback: a private queue two messages deep (the responder's warm-up
     * keeps one in it while it writes another), unless the limit allows only one.
     */
    @Override
    public EndpointPair openLoopback(IpcSpec spec) throws SysException {
        long depthMax = MqLimits.read(MqLimits.MSG_MAX).orElse(DEFAULT_DEPTH);
        return open(Math.min(Math.max(2, spec.settings().number(DEPTH)), Math.max(depthMax, 1)), spec.messageBytes());
    }

    private EndpointPair open(long depth, int messageBytes) throws SysException {
        long size = messageBytes > 0 ? messageBytes : MqLimits.read(MqLimits.MSGSIZE_DEFAULT).orElse(8192);
        String name = null;
        Fd reader = null;
        for (int attempt = 0; reader == null; attempt++) {
            name = "/ipclab-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
            try {
                reader = new Fd(MessageQueues.mq_open(name, Pipes.O_RDONLY | MessageQueues.O_CREAT
                        | MessageQueues.O_EXCL | Io.O_CLOEXEC, 0600, depth, size));
            } catch (SysException e) {
                if (e.errno() != 17 || attempt == 3) { // EEXIST: another name, a few times
                    throw new SysException("mq_open(O_CREAT, mq_maxmsg " + depth + ", mq_msgsize " + size + ")",
                            e.errno());
                }
            }
        }
        Fd writer = null;
        try {
            writer = new Fd(MessageQueues.mq_open(name, Pipes.O_WRONLY | Io.O_CLOEXEC, 0, 0, 0));
        } catch (SysException e) {
            reader.close();
            throw e;
        } finally {
            // Both ends hold the queue (or the reader is closed): its name goes now.
            MessageQueues.mq_unlink(name);
        }
        return EndpointPair.of(reader, writer, (r, w) -> granted(r, depth, size));
    }

    /** What mq_getattr says the queue is: exactly what was asked, or the run is refused. */
    private static Grants granted(Fd reader, long depth, long size) throws SysException {
        MessageQueues.Attributes a = MessageQueues.mq_getattr(reader.value());
        if (a.maxMessages() != depth || a.messageBytes() != size) {
            throw new SysException("mq_getattr", "the queue is " + a.maxMessages() + " messages of "
                    + a.messageBytes() + " bytes, not the " + depth + " of " + size + " asked");
        }
        return Grants.of(MAXMSG_FIELD, a.maxMessages(), MSGSIZE_FIELD, a.messageBytes());
    }

    @Override
    public Transfer transfer(IpcSpec spec, List<Fd> ends) {
        return new MqTransfer();
    }

    @Override
    public List<String> grantFields() {
        return List.of(MAXMSG_FIELD, MSGSIZE_FIELD);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        return List.of(
                "mq_maxmsg: " + granted.get(MAXMSG_FIELD) + " (granted; --mq-depth " + spec.settings().number(DEPTH)
                        + " asked)",
                "mq_msgsize: " + granted.get(MSGSIZE_FIELD) + " (granted; the message size -b)",
                "copied: each message twice, into the queue by mq_timedsend and out by mq_timedreceive");
    }

    @Override
    public List<String> loopCalls() {
        return List.of("mq_timedsend", "mq_timedreceive", "poll");
    }

    /** A queue cannot be shut down, and its reader's close does not wake a blocked writer: see {@link MqTransfer}. */
    @Override
    public boolean canShutDown() {
        return false;
    }

    @Override
    public void linkSetUp() {
        MessageQueues.link();
    }

    @Override
    public String toString() {
        return name();
    }
}
