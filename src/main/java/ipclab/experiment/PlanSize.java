package ipclab.experiment;

import ipclab.ipc.IpcOption;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mode;
import java.util.List;

/**
 * How big a plan is, by arithmetic on its lists, before any configuration or trial is made: a
 * plan of 10^8 configurations, or {@code --trials 2147483647}, is refused in microseconds instead
 * of being built whole first. The count is exact (it follows {@link Plan#configurations}: options
 * that do not apply to an IPC type count once, 2thread has one descriptor table, repeated values
 * count once) and saturates at {@link Long#MAX_VALUE} instead of overflowing.
 */
public final class PlanSize {
    /** Trials a sweep runs unless {@code --max-trials-total} says otherwise. */
    public static final long DEFAULT_MAX_TRIALS = 1_000_000;
    /**
     * The most {@code --max-trials-total} may allow: the schedule, the results files and the
     * reader hold every trial in memory (a few hundred bytes each).
     */
    public static final long MAX_TRIALS_LIMIT = 10_000_000;

    private PlanSize() {}

    /** The number of configurations {@link Plan#configurations} would give, or Long.MAX_VALUE if more. */
    public static long configurations(Plan plan) {
        long cpuSets = distinct(plan.cpuSets());
        long oneThreadPlacements = plan.cpuSets().stream().map(c -> c.size() > 1 ? List.of(c.getFirst()) : c)
                .distinct().count();
        long total = 0;
        for (String workload : plan.workloads().stream().distinct().toList()) {
        long buffers = distinct(plan.sizes(workload));
        boolean stream = workload.equals(ipclab.model.Defaults.WORKLOAD);
        for (Mode mode : plan.modes().stream().distinct().toList()) {
            for (Mechanism ipc : plan.mechanisms().stream().distinct().toList()) {
                if (!ipc.modes().contains(mode) || !ipc.workloads().contains(workload)) {
                    continue;
                }
                // a mechanism of one message size takes only that one (the limits of this machine
                // are not counted: this is the most the plan can be)
                long sizes = ipc.fixedMessageBytes() == 0 ? buffers
                        : plan.sizes(workload).contains(ipc.fixedMessageBytes()) ? 1 : 0;
                long s = stream && ipc.options().contains(IpcOption.SOCKET_BUFFERS) ? distinct(plan.socketBuffers()) : 1;
                long pipe = ipc.options().contains(IpcOption.PIPE_SIZE) ? distinct(plan.pipeSizes()) : 1;
                long tables = mode == Mode.TWO_THREAD ? 1 : distinct(plan.sharedFdTables());
                // 1thread's one thread takes a placement's first CPU only (Plan#configurations)
                long placements = mode == Mode.ONE_THREAD ? oneThreadPlacements : cpuSets;
                total = add(total, times(times(times(times(times(placements, s), pipe), tables), sizes),
                        settings(plan, ipc)));
            }
        }
        }
        return total;
    }

    /** Trials of the whole plan, warm-ups included, or Long.MAX_VALUE if more. */
    public static long trials(Plan plan) {
        return times(configurations(plan), add(Math.max(0, plan.maxTrials()), Math.max(0, plan.warmupTrials())));
    }

    /** Refuses a plan of more than {@code maxTrials} trials, saying how many it has and how to raise the limit. */
    public static void check(Plan plan, long maxTrials) throws PlanException {
        long trials = trials(plan);
        if (trials > maxTrials) {
            long configs = configurations(plan);
            throw new PlanException("the plan has " + count(trials) + " trials (" + count(configs)
                    + " configurations x (" + (plan.precision() > 0 ? "up to " + plan.maxTrials() : plan.trials()) + " trials + " + plan.warmupTrials() + " warm-up)), more"
                    + " than --max-trials-total " + maxTrials + (maxTrials < MAX_TRIALS_LIMIT
                    ? "; raise it (at most " + MAX_TRIALS_LIMIT + ") or shrink the plan" : "; shrink the plan"));
        }
    }

    /** Refuses a recorded plan (a results folder's) larger than any sweep can make: a doctored one. */
    public static void checkReadable(Plan plan) throws PlanException {
        long trials = trials(plan);
        if (trials > MAX_TRIALS_LIMIT) {
            throw new PlanException("the plan has " + count(trials) + " trials (" + count(configurations(plan))
                    + " configurations), more than a sweep can run (" + MAX_TRIALS_LIMIT + ")");
        }
    }

    /** A value of {@code --max-trials-total}, checked. */
    public static long maxTrials(long value) throws PlanException {
        if (value < 1 || value > MAX_TRIALS_LIMIT) {
            throw new PlanException("--max-trials-total must be 1.." + MAX_TRIALS_LIMIT + ", not " + value);
        }
        return value;
    }

    private static String count(long n) {
        return n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(n);
    }

    /** The combinations of the levels of {@code ipc}'s settings the plan lists (Plan#settingsOf), by arithmetic. */
    private static long settings(Plan plan, Mechanism ipc) {
        long n = 1;
        for (ipclab.ipc.MechanismSetting s : ipc.settings()) {
            List<String> levels = plan.settings().getOrDefault(s.name(), List.of());
            n = levels.isEmpty() ? n : times(n, distinct(levels));
        }
        return n;
    }

    private static long distinct(List<?> values) {
        return values.stream().distinct().count();
    }

    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
