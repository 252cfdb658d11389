package ipclab.probe;

import ipclab.sys.Clocks;
import ipclab.sys.SysException;

/**
 * The clock that times every run, said in every result: CLOCK_MONOTONIC, read with
 * {@code System.nanoTime()} (HotSpot on Linux calls clock_gettime(CLOCK_MONOTONIC)), and its
 * resolution as clock_getres(2) reports it.
 */
public final class Clock {
    public static final String NAME = "CLOCK_MONOTONIC";
    public static final String SOURCE = "System.nanoTime";
    private static final long RESOLUTION_NANOS = resolution();

    private Clock() {}

    /** clock_getres(CLOCK_MONOTONIC) in ns, or -1 if the kernel would not say. */
    public static long resolutionNanos() {
        return RESOLUTION_NANOS;
    }

    /** {@code CLOCK_MONOTONIC (System.nanoTime), resolution 1 ns}. */
    public static String describe() {
        return NAME + " (" + SOURCE + "), resolution " + (RESOLUTION_NANOS < 0 ? "unknown" : RESOLUTION_NANOS + " ns");
    }

    private static long resolution() {
        try {
            return Clocks.clock_getres(Clocks.CLOCK_MONOTONIC);
        } catch (SysException e) {
            return -1;
        }
    }
}
