package ipclab.workload.latency;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.sys.Fd;
import ipclab.sys.SysException;

/**
 * The four ends of a round trip. A duplex mechanism (a connected socket) carries both directions
 * on one pair: the initiator reads and writes the pair's writer end, the responder its reader
 * end. A one-way one (a pipe, a FIFO) takes a second pair for the way back, made here from the
 * same spec and closed with these ends; the forward pair is the run's, owned by its caller.
 */
record RoundTripEnds(EndpointPair forward, EndpointPair back) implements AutoCloseable {

    /** The ends for a run on {@code forward}: with a second pair from {@code spec} unless it is duplex. */
    static RoundTripEnds of(EndpointPair forward, IpcSpec spec) throws SysException {
        return new RoundTripEnds(forward, spec.mechanism().duplex() ? null : spec.open());
    }

    int initiatorOut() {
        return forward.writer().value();
    }

    int responderIn() {
        return forward.reader().value();
    }

    int responderOut() {
        return back == null ? forward.reader().value() : back.writer().value();
    }

    int initiatorIn() {
        return back == null ? forward.writer().value() : back.reader().value();
    }

    /** The responder's ends, in, then out when it has a second: what the 2proc child is handed. */
    Fd[] responderEnds() {
        return back == null ? new Fd[] {forward.reader()} : new Fd[] {forward.reader(), back.writer()};
    }

    Fd[] initiatorEnds() {
        return back == null ? new Fd[] {forward.writer()} : new Fd[] {forward.writer(), back.reader()};
    }

    /** Every end, for a loop that uses them all (1thread). */
    Fd[] allEnds() {
        return back == null ? new Fd[] {forward.reader(), forward.writer()}
                : new Fd[] {forward.reader(), forward.writer(), back.reader(), back.writer()};
    }

    /** Every descriptor number, for a 1thread worker's private table. */
    int[] all() {
        return back == null ? new int[] {responderIn(), initiatorOut()}
                : new int[] {responderIn(), initiatorOut(), back.reader().value(), back.writer().value()};
    }

    static int[] values(Fd[] ends) {
        int[] v = new int[ends.length];
        for (int i = 0; i < ends.length; i++) {
            v[i] = ends[i].value();
        }
        return v;
    }

    static void close(Fd[] ends) {
        for (Fd end : ends) {
            end.close();
        }
    }

    /** After a failure: wakes whatever is blocked on either pair's open ends ({@link ipclab.ipc.Mechanism#wake}). */
    void wake(ipclab.ipc.Mechanism mechanism) {
        mechanism.wake(forward);
        if (back != null) {
            mechanism.wake(back);
        }
    }

    void closeAll() {
        forward.close();
        close();
    }

    @Override
    public void close() {
        if (back != null) {
            back.close();
        }
    }
}
