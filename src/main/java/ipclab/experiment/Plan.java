package ipclab.experiment;

import ipclab.model.BenchConfig;
import ipclab.model.Defaults;
import ipclab.model.Blocks;
import ipclab.ipc.Mode;
import ipclab.ipc.IpcOption;
import ipclab.ipc.Mechanism;
import ipclab.ipc.MechanismSetting;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a sweep runs: the product of its lists, each configuration {@code trials} times after
 * {@code warmup} discarded trials, in an order drawn from {@code seed}. Checked as a whole before
 * anything runs ({@link #configurations}): an impossible point is refused by name.
 *
 * <p>Options that do not apply to an IPC type are not multiplied for it: pipes run with -s off
 * only, sockets with the kernel's pipe size (0) only. Asking only for a value that cannot apply
 * (-s on with pipes, a pipe size with sockets) is an impossible point. The descriptor table
 * ({@code sharedFdTables}) splits 1thread and 2proc only; 2thread always shares it.
 *
 * @param totalBytes bytes per trial, or 0 when {@code minTimeMillis} picks them
 * @param minTimeMillis the least a measured trial should last, or 0 when {@code totalBytes} is fixed
 * @param quiesceMillis before each block of trials (one round over the configurations): sync(2)
 *     and sleep this long; 0 for neither
 * @param name a short name for the results folder
 * @param trialTimeoutSeconds a trial whose timed region lasts longer is stopped and recorded as
 *     failed, and the rest of its configuration skipped (see {@code TrialWatchdog})
 * @param workloads what the ends do: {@code stream} over the buffer sizes, {@code latency} over
 *     the message sizes
 * @param messageSizes the latency workload's message sizes
 * @param precision with --precision, the half-width the 95% interval of each configuration's
 *     median should reach, as a fraction of the median (0.02 for 2%); 0 when trials are fixed
 * @param maxTrials with --precision, the most measured trials a configuration gets; otherwise
 *     {@code trials}
 * @param settings the mechanisms' own settings the plan varies ({@link MechanismSetting}: {@code wait}
 *     to {@code [spin, futex]}), name to levels in normal form; a setting's levels multiply only
 *     the rows of the mechanisms that declare it, the others run with their defaults
 */
public record Plan(
        String name,
        List<Mode> modes,
        List<Mechanism> mechanisms,
        List<Integer> bufferSizes,
        List<Boolean> socketBuffers,
        List<Integer> pipeSizes,
        List<List<Integer>> cpuSets,
        List<Boolean> sharedFdTables,
        int trials,
        int warmup,
        long totalBytes,
        int minTimeMillis,
        long seed,
        int quiesceMillis,
        int trialTimeoutSeconds,
        List<String> workloads,
        List<Integer> messageSizes,
        double precision,
        int maxTrials,
        Map<String, List<String>> settings) {

    /** The bytes a --min-time pilot (warm-up) trial moves: at least this, and at least 4 buffers. */
    public static final long PILOT_BYTES = 1 << 20;

    public Plan {
        modes = List.copyOf(modes);
        mechanisms = List.copyOf(mechanisms);
        bufferSizes = List.copyOf(bufferSizes);
        socketBuffers = List.copyOf(socketBuffers);
        pipeSizes = List.copyOf(pipeSizes);
        cpuSets = cpuSets.stream().map(List::copyOf).toList();
        sharedFdTables = List.copyOf(sharedFdTables);
        workloads = List.copyOf(workloads);
        messageSizes = List.copyOf(messageSizes);
        Map<String, List<String>> levels = new TreeMap<>();
        settings.forEach((k, v) -> levels.put(k, v.stream().distinct().toList()));
        settings = Collections.unmodifiableMap(levels);
        if (precision <= 0) {
            maxTrials = trials;
        }
    }

    /** The fewest trials whose median has a distribution-free 95% interval (ranks 1 and 6 of 6). */
    public static final int MIN_PRECISE_TRIALS = 6;

    /**
     * Whether {@code values} (a configuration's measured trials) meet --precision: the 95%
     * interval of their median within +- precision of it. Always true without --precision.
     */
    public boolean precise(double[] values) {
        if (precision <= 0) {
            return true;
        }
        if (values.length < MIN_PRECISE_TRIALS) {
            return false; // fewer trials have no 95% interval of the median (Stats: it is [min, max])
        }
        Stats s = Stats.of(values);
        return s.medianCiLow() >= s.median() * (1 - precision) && s.medianCiHigh() <= s.median() * (1 + precision);
    }

    /** The sizes {@code workload}'s configurations take: buffers for the stream, messages for latency. */
    public List<Integer> sizes(String workload) {
        return workload.equals(Defaults.WORKLOAD) ? bufferSizes : messageSizes;
    }

    /**
     * The settings {@code ipc}'s configurations take: every combination of the levels this plan
     * lists for the settings {@code ipc} declares (name to value; the rest at their defaults), or
     * one empty combination when it lists none of them.
     */
    public List<Map<String, String>> settingsOf(Mechanism ipc) {
        List<Map<String, String>> combinations = List.of(Map.of());
        for (MechanismSetting s : ipc.settings()) {
            List<String> values = settings.getOrDefault(s.name(), List.of());
            if (values.isEmpty()) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combinations) {
                for (String v : values) {
                    Map<String, String> m = new TreeMap<>(c);
                    m.put(s.name(), v);
                    next.add(m);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /**
     * Warm-up trials actually scheduled per configuration: with --min-time at least one, since the
     * first measured trial is sized from it ({@link TrialSizer}: later ones from every trial so far).
     */
    public int warmupTrials() {
        return minTimeMillis > 0 ? Math.max(1, warmup) : warmup;
    }

    /** Every configuration, in plan order, each checked; the first impossible one is refused by name. */
    public List<ConfigKey> configurations() throws PlanException {
        return configurations(true);
    }

    /**
     * As {@link #configurations()}; {@code onThisMachine} false skips the check that the CPUs
     * are online here (a report of another machine's results).
     */
    public List<ConfigKey> configurations(boolean onThisMachine) throws PlanException {
        if (trials < 1) {
            throw new PlanException("--trials must be at least 1, not " + trials);
        }
        if (warmup < 0) {
            throw new PlanException("--warmup must be 0 or more, not " + warmup);
        }
        if ((totalBytes > 0) == (minTimeMillis > 0)) {
            throw new PlanException("give exactly one of --total and --min-time");
        }
        if (trialTimeoutSeconds < 1) {
            throw new PlanException("--trial-timeout must be at least 1 second, not " + trialTimeoutSeconds);
        }
        if (quiesceMillis < 0) {
            throw new PlanException("--quiesce must be 0 or more milliseconds, not " + quiesceMillis);
        }
        for (String what : List.of("--mode", "--ipc", "--buffers", "-s", "--pipe-size", "--cpus", "--fd-table",
                "--workload", "--message-sizes")) {
            if (list(what).isEmpty()) {
                throw new PlanException(what + " is empty");
            }
        }
        checkSettings();
        Set<Integer> online = onThisMachine ? Machine.onlineCpus() : Set.of();
        Set<ConfigKey> keys = new LinkedHashSet<>();
        List<String> refused = new java.util.ArrayList<>();
        for (String workload : workloads) {
        boolean stream = workload.equals(Defaults.WORKLOAD);
        for (Mode mode : modes) {
            for (Mechanism ipc : mechanisms) {
                if (!ipc.modes().contains(mode) || !ipc.workloads().contains(workload)) {
                    continue; // a mechanism that cannot carry this mode or workload is left out of its rows
                }
                for (List<Integer> asked : cpuSets) {
                    // 1thread has one thread: only the first CPU of a placement is its, so "0" and
                    // "0,1" are one configuration there.
                    List<Integer> cpus = mode == Mode.ONE_THREAD && asked.size() > 1 ? List.of(asked.getFirst()) : asked;
                    for (Integer cpu : cpus) {
                        if (!online.isEmpty() && !online.contains(cpu)) {
                            String set = String.join(",", cpus.stream().map(String::valueOf).toList());
                            throw new PlanException("plan point " + mode + " " + ipc + " --cpus " + set
                                    + ": CPU " + cpu + " is not online (online: " + Machine.onlineCpusText() + ")");
                        }
                    }
                    // -s sizes the stream's socket buffers; a round trip has one message in flight.
                    for (boolean s : stream ? applicable(socketBuffers, ipc.options().contains(IpcOption.SOCKET_BUFFERS),
                            false, mode, ipc, "-s on", "off") : List.of(false)) {
                        for (int pipeSize : applicable(pipeSizes, ipc.options().contains(IpcOption.PIPE_SIZE), 0, mode, ipc,
                                "--pipe-size " + pipeSizes.getFirst(), "0")) {
                            // 2thread's two threads always share their table, as ipc-static's do.
                            for (boolean shared : mode == Mode.TWO_THREAD ? List.of(false) : sharedFdTables) {
                                for (Map<String, String> given : settingsOf(ipc)) {
                                for (int buffer : sizes(workload)) {
                                    if (buffer > ipc.maxMessageBytes() || !carries(ipc, buffer, s, onThisMachine, refused)) {
                                        continue; // a size the mechanism cannot carry is left out of its rows
                                    }
                                    keys.add(check(key(mode, ipc, buffer, s, pipeSize, cpus, shared, workload, given)));
                                }
                                }
                            }
                        }
                    }
                }
            }
        }
        }
        if (keys.isEmpty() && !refused.isEmpty()) {
            throw new PlanException("no plan point can run: " + refused.getFirst());
        }
        if (keys.isEmpty()) {
            throw new PlanException("no plan point can run: none of the mechanisms " + mechanisms
                    + " carries the modes " + modes + " with the workloads " + workloads);
        }
        return List.copyOf(keys);
    }

    /**
     * Whether {@code ipc} carries messages of {@code size}: its one size if it has one (eventfd's 8),
     * and on this machine what the kernel's limits allow (a Unix datagram within the send
     * buffer); the reason for a size refused here is added to {@code refused}. A results folder
     * read elsewhere keeps every size, so its trials all fit the plan.
     */
    static boolean carries(Mechanism ipc, int size, boolean socketBuffers, boolean onThisMachine,
            List<String> refused) {
        if (ipc.fixedMessageBytes() > 0 && size != ipc.fixedMessageBytes()) {
            return false;
        }
        if (onThisMachine) {
            try {
                ipc.checkLimits(size, new ipclab.ipc.IpcSpec(ipc, 0, socketBuffers ? size : 0, 0));
            } catch (IllegalArgumentException e) {
                refused.add(e.getMessage());
                return false;
            }
        }
        return true;
    }

    /**
     * What this machine's limits leave out of the plan's rows, one reason per mechanism, size
     * and -s refused (a Unix datagram larger than the send buffer allows); empty when nothing is.
     */
    public List<String> leftOutHere() {
        List<String> refused = new java.util.ArrayList<>();
        for (String workload : workloads.stream().distinct().toList()) {
            boolean stream = workload.equals(Defaults.WORKLOAD);
            for (Mechanism ipc : mechanisms.stream().distinct().toList()) {
                if (!ipc.workloads().contains(workload)) {
                    continue;
                }
                boolean takesS = stream && ipc.options().contains(IpcOption.SOCKET_BUFFERS);
                for (boolean s : takesS ? socketBuffers.stream().distinct().toList() : List.of(false)) {
                    for (int size : sizes(workload).stream().distinct().toList()) {
                        carries(ipc, size, s, true, refused);
                    }
                }
            }
        }
        return refused;
    }

    /** The point {@code mode ipc buffer...}, or the reason it cannot run, by name. */
    private static ConfigKey key(Mode mode, Mechanism ipc, int buffer, boolean s, int pipeSize, List<Integer> cpus,
            boolean shared, String workload, Map<String, String> settings) throws PlanException {
        try {
            // made with its workload at once: a mechanism may carry no other (eventfd)
            return ConfigKey.of(new BenchConfig(mode, ipc, buffer, buffer, 0, s, pipeSize, true, cpus, shared,
                    workload, Settings.of(ipc, settings)));
        } catch (IllegalArgumentException e) {
            StringBuilder given = new StringBuilder();
            settings.forEach((k, v) -> given.append(" --").append(k).append(' ').append(v));
            throw new PlanException("plan point " + mode + " " + ipc + " " + Sizes.format(buffer) + " -s "
                    + (s ? "on" : "off") + given + ": " + e.getMessage());
        }
    }

    /**
     * Refuses a setting none of the plan's mechanisms declares (it would vary nothing), naming
     * the mechanisms it applies to, and one with no levels.
     */
    private void checkSettings() throws PlanException {
        for (var e : settings.entrySet()) {
            String flag = "--" + e.getKey();
            if (e.getValue().isEmpty()) {
                throw new PlanException(flag + " is empty");
            }
            if (mechanisms.stream().noneMatch(m -> Settings.find(m, e.getKey()).isPresent())) {
                List<Mechanism> owners = Settings.owners().getOrDefault(e.getKey(), List.of());
                String swept = String.join(",", mechanisms.stream().map(Mechanism::name).distinct().toList());
                throw new PlanException(owners.isEmpty() ? flag + " is no mechanism's setting"
                        : flag + " applies to " + String.join(" or ", owners.stream().map(m -> "-i " + m.name()).toList())
                        + ", none of --ipc " + swept + ": add " + owners.getFirst().name() + " to --ipc, or drop "
                        + flag);
            }
        }
    }

    /** The values of an option for an IPC type: all where it applies, else only its neutral value. */
    private static <T> List<T> applicable(List<T> values, boolean applies, T neutral, Mode mode, Mechanism ipc,
            String asked, String neutralText) throws PlanException {
        if (applies) {
            return values;
        }
        if (values.contains(neutral)) {
            return List.of(neutral);
        }
        throw new PlanException("plan point " + mode + " " + ipc + " " + asked + ": that option does not apply to "
                + ipc + " (add " + neutralText + " to its list, or drop " + ipc + ")");
    }

    private ConfigKey check(ConfigKey key) throws PlanException {
        long total = totalBytes > 0 ? totalBytes : Blocks.roundUpToMultiple(PILOT_BYTES, key.bufferSizeBytes());
        if (totalBytes > 0 && key.bufferSizeBytes() > totalBytes) {
            throw new PlanException("plan point " + key.describe() + ": buffer " + key.bufferSizeBytes()
                    + " is larger than --total " + totalBytes);
        }
        try {
            BenchConfig config = key.toConfig(total);
            return ConfigKey.of(config);
        } catch (IllegalArgumentException e) {
            throw new PlanException("plan point " + key.describe() + " (--total " + total + "): " + e.getMessage());
        }
    }

    /** The bytes the pilot (warm-up) trials of a --min-time plan move for this buffer size. */
    public long pilotBytes(int bufferSizeBytes) {
        if (totalBytes > 0) {
            return totalBytes;
        }
        return Blocks.roundUpToMultiple(Math.max(PILOT_BYTES, 4L * bufferSizeBytes), bufferSizeBytes);
    }

    /** Round trips of a latency pilot trial: some tens of milliseconds whatever the message size. */
    public static final long PILOT_ROUNDS = 2_000;

    /** The bytes of a pilot trial of {@code key}: the stream's by size, a latency trial's by round trips. */
    public long pilotBytes(ConfigKey key) {
        if (totalBytes > 0 || key.stream()) {
            return pilotBytes(key.bufferSizeBytes());
        }
        return PILOT_ROUNDS * key.bufferSizeBytes();
    }

    /**
     * The bytes of a measured --min-time trial, from the bandwidth its pilot trial saw: enough to
     * last {@code minTimeMillis} (with a tenth to spare), a multiple of the buffer size.
     */
    public long minTimeBytes(int bufferSizeBytes, double pilotBytesPerSecond) {
        double bytes = pilotBytesPerSecond * minTimeMillis / 1000.0 * 1.1;
        long wanted = bytes >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : (long) Math.ceil(bytes);
        return Blocks.roundUpToMultiple(Math.max(wanted, bufferSizeBytes), bufferSizeBytes);
    }

    private List<?> list(String option) {
        return switch (option) {
            case "--mode" -> modes;
            case "--ipc" -> mechanisms;
            case "--buffers" -> bufferSizes;
            case "-s" -> socketBuffers;
            case "--pipe-size" -> pipeSizes;
            case "--fd-table" -> sharedFdTables;
            case "--workload" -> workloads;
            case "--message-sizes" -> messageSizes;
            default -> cpuSets;
        };
    }

    /** Trials the whole plan runs, warm-ups included, by arithmetic ({@link PlanSize}); saturates, never overflows. */
    public long trialCount() {
        return PlanSize.trials(this);
    }
}
