package ipclab.ipc.shm;

import ipclab.ipc.IpcSpec;
import ipclab.ipc.Transfer;
import ipclab.sys.CallState;
import ipclab.sys.Fd;
import ipclab.sys.SysException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shm mechanism's transfer: one thread's mappings of the rings its ends name. Every ring is
 * one-way with one producer and one consumer, so nothing needs to know which end is whose: a send
 * on an end goes into that end's ring, a receive comes out of it. A stream's sender and receiver
 * each hold one end of one ring; a round trip's ends hold one end of each of two rings (the
 * mechanism is not duplex, so the latency workload makes a second pair for the way back); 1thread
 * holds both ends of each ring, which it then never waits on ({@link RingEnd#self}).
 *
 * <p>The descriptor passed to {@link #send} and {@link #receive} only picks the ring; no call is
 * made on it.
 */
final class RingTransfer implements Transfer {
    private final int[] fds;
    private final RingEnd[] byEnd;
    private final List<RingEnd> rings = new ArrayList<>();
    private final int wait;

    RingTransfer(IpcSpec spec, List<Fd> ends) throws SysException {
        int capacity = (int) spec.settings().number(ShmMechanism.RING_SIZE);
        this.wait = ShmMechanism.waitCode(spec.settings().value(ShmMechanism.WAIT));
        this.fds = new int[ends.size()];
        this.byEnd = new RingEnd[ends.size()];
        try {
            for (int i = 0; i < ends.size(); i++) {
                fds[i] = ends.get(i).value();
                RingEnd mapped = new RingEnd(fds[i], capacity, wait);
                RingEnd same = find(mapped.id);
                if (same != null) {
                    mapped.discard();
                    same.self = true;
                    byEnd[i] = same;
                } else {
                    rings.add(mapped);
                    byEnd[i] = mapped;
                }
            }
        } catch (SysException | RuntimeException e) {
            rings.forEach(RingEnd::discard);
            throw e;
        }
    }

    private RingEnd find(long id) {
        for (RingEnd r : rings) {
            if (r.id == id) {
                return r;
            }
        }
        return null;
    }

    private RingEnd ring(int fd) {
        RingEnd[] ends = byEnd;
        if (ends.length == 1) {
            return ends[0];
        }
        int[] f = fds;
        for (int i = 0; i < f.length; i++) {
            if (f[i] == fd) {
                return ends[i];
            }
        }
        return ends[0];
    }

    @Override
    public long send(CallState cs, int fd, long address, long count) {
        return ring(fd).send(cs, address, count);
    }

    @Override
    public long receive(CallState cs, int fd, long address, long count) {
        return ring(fd).receive(cs, address, count);
    }

    @Override
    public void prime(CallState cs) {
        for (RingEnd r : rings) {
            r.prime(cs);
        }
    }

    /** Adds this thread's counts to each ring, marks it closed (waking a sleeping peer), reports and unmaps. */
    @Override
    public void close() {
        for (RingEnd r : rings) {
            r.close();
        }
        if (!rings.isEmpty()) {
            WaitCounts.record(wait, rings.getFirst().counts(), rings.size() > 1 ? rings.get(1).counts() : null);
        }
        for (RingEnd r : rings) {
            r.unmap();
        }
        rings.clear();
    }
}
