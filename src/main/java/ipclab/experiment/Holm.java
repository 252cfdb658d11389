package ipclab.experiment;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction (Holm 1979) of the p-values of a family of tests, such as every
 * configuration that {@code compare} tests at once: with m tests, the i-th smallest p-value is
 * multiplied by m - i + 1, and each adjusted value is at least the one before it (capped at 1).
 * Rejecting where the adjusted value is below alpha keeps the chance of any false call in the
 * family at most alpha, where testing each at alpha alone would make m times as many.
 */
public final class Holm {
    private Holm() {}

    /** The adjusted p-values, in the order of {@code p}; NaN stays NaN and is not counted in m. */
    public static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            m += Double.isNaN(p[i]) ? 0 : 1;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Double.isNaN(p[i]) ? Double.POSITIVE_INFINITY : p[i]));
        double[] adjusted = new double[p.length];
        double running = 0;
        for (int rank = 0; rank < p.length; rank++) {
            int i = order[rank];
            if (Double.isNaN(p[i])) {
                adjusted[i] = Double.NaN;
                continue;
            }
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
