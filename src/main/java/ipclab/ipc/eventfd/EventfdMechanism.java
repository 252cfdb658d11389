package ipclab.ipc.eventfd;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.sys.EventFds;
import ipclab.sys.Fd;
import ipclab.sys.SysException;
import java.util.List;
import java.util.Set;

/**
 * {@code -i eventfd}: eventfd(2), a kernel counter, the cheapest wake-up the kernel offers. One
 * pair is one eventfd and a second descriptor of it (fcntl(F_DUPFD_CLOEXEC)): the writer adds
 * an 8-byte value, the reader takes the sum and resets it. A round trip takes two, one per
 * direction, as pipes do; the 2proc child is handed its descriptors over SCM_RIGHTS like any
 * other end. There is no byte stream (values add up, and a read takes them all), so it carries
 * the latency workload only, with 8-byte messages: each one a non-zero value whose first and
 * last bytes carry the round's stamp, so a merged pair of messages (a sum) fails the check.
 *
 * <p>An eventfd has no end of file: a peer that dies would leave the other blocked in read(2)
 * for ever. {@link #wake} is how a failed run ends instead ({@link EventFds#wake}).
 */
public final class EventfdMechanism implements Mechanism {
    public static final EventfdMechanism INSTANCE = new EventfdMechanism();

    private EventfdMechanism() {}

    @Override
    public String name() {
        return "eventfd";
    }

    @Override
    public String description() {
        return "eventfd(2): one 8-byte counter per direction (latency only, -b 8)";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of();
    }

    @Override
    public Set<String> workloads() {
        return Set.of("latency");
    }

    @Override
    public String workloadsReason() {
        return "an eventfd is a counter, not a stream of bytes (a write adds its 8-byte value, a read takes the"
                + " sum and resets it)";
    }

    @Override
    public int fixedMessageBytes() {
        return EventFds.COUNTER_BYTES;
    }

    @Override
    public String fixedMessageReason() {
        return "eventfd(2) reads and writes exactly 8 bytes, its uint64_t counter";
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        Fd reader = new Fd(EventFds.eventfd(0, EventFds.EFD_CLOEXEC));
        Fd writer;
        try {
            writer = new Fd(EventFds.dup(reader.value()));
        } catch (SysException e) {
            reader.close();
            throw e;
        }
        return EndpointPair.of(reader, writer, (r, w) -> Grants.NONE);
    }

    @Override
    public List<String> grantFields() {
        return List.of();
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        return List.of();
    }

    @Override
    public void wake(EndpointPair pair) {
        for (ipclab.sys.Fd end : new ipclab.sys.Fd[] {pair.reader(), pair.writer()}) {
            if (end.isOpen()) {
                EventFds.wake(end.value()); // both are descriptors of one eventfd: one wake is enough
                return;
            }
        }
    }

    @Override
    public boolean endsOnLastClose() {
        return false;
    }

    @Override
    public boolean canShutDown() {
        return false;
    }

    @Override
    public void linkSetUp() {
        EventFds.link();
    }

    @Override
    public String toString() {
        return name();
    }
}
