package ipclab.workload.stream;

import ipclab.model.Blocks;
import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;

/**
 * Loads the classes a timed loop uses, so that none is loaded inside a timed region. A loop's
 * first run would otherwise load them on first use: in the 2proc child (a fresh JVM run with -B)
 * that was two reads of the jar inside the first timed region, seen with a bpftrace script.
 */
public final class LoopClasses {
    private LoopClasses() {}

    static void load() {
        try {
            for (Class<?> c : new Class<?>[] {Blocks.class, RegionMarker.class, TransferException.class}) {
                Class.forName(c.getName(), true, c.getClassLoader());
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
