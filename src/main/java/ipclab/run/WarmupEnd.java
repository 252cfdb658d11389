package ipclab.run;

/**
 * When a warm-up (the stream's and the latency workload's) is done, and how its verbose line says
 * so: its loops have C2 code in use ({@link JitStatus}) and a whole round allocated nothing in
 * the loops' threads ({@link AllocatedBytes}).
 */
public final class WarmupEnd {
    private WarmupEnd() {}

    /** Whether a warm-up may stop: compiled, and its last round allocated nothing. */
    public static boolean reached(boolean compiled, long lastRoundBytes) {
        return compiled && lastRoundBytes == 0;
    }

    /** How it ended, for the verbose block: which of the two was missing when the rounds ran out. */
    public static String describe(boolean compiled, long lastRoundBytes) {
        return reached(compiled, lastRoundBytes) ? "until C2-compiled and allocation-free"
                : !compiled ? "NOT C2-compiled yet"
                : "NOT allocation-free yet (" + lastRoundBytes + " bytes in its last round)";
    }
}
