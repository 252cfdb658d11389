package ipclab.run;

import java.util.List;

/** Which CPU each end is placed on, from a configuration's CPU list (receiver first, then sender). */
public final class CpuPlan {
    private CpuPlan() {}

    /** The receiver's CPU, or -1 for unpinned. */
    public static int receiver(List<Integer> cpus) {
        return cpus.isEmpty() ? -1 : cpus.get(0);
    }

    /** The sender's CPU: the second, or the one CPU both ends share; -1 for unpinned. */
    public static int sender(List<Integer> cpus) {
        return cpus.isEmpty() ? -1 : cpus.get(cpus.size() > 1 ? 1 : 0);
    }
}
