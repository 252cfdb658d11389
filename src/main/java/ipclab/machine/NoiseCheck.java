package ipclab.machine;

import ipclab.sys.CpuSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code ipclab check}: what on this machine could disturb a measurement, each as a
 * {@link Finding} that is OK or WARN and, when WARN, says what to do, in the manner of pyperf's
 * {@code system check}. The load (load average, runnable threads, other busy processes, steal) is
 * sampled over a short interval ({@link #sample}); the rest is read from /sys and /proc as it
 * stands ({@link SettingsCheck}: frequency governor, SMT siblings, virtualization, clock source,
 * transparent huge pages).
 * Everything is read under a {@link SysFiles} root, so a folder of canned files stands in for a
 * machine in tests. Nothing here prints.
 */
public final class NoiseCheck {
    /** How long the processes are watched: long enough for 50 ticks per CPU at USER_HZ 100. */
    public static final long SAMPLE_MILLIS = 500;
    /** How many times runnable threads are counted within the interval. */
    static final int LOOKS = 10;
    /** A 1-minute load average above this per online CPU is a warning. */
    public static final double LOAD_PER_CPU = 0.25;
    /** Other threads runnable on average above this are a warning. */
    public static final double RUNNABLE = 0.5;
    /** Another process using more than this share of one CPU is a warning; others together, of all CPUs. */
    public static final double BUSY_SHARE = 0.10;
    /** Processes above this share of one CPU are named. */
    static final double NAMED_SHARE = 0.02;
    private static final String CPU = "/sys/devices/system/cpu/";

    public enum Status { OK, WARN }

    /**
     * One thing checked.
     *
     * @param name a short name ({@code load}, {@code smt}...)
     * @param seen what was found, in words
     * @param advice what to do about it; null when there is nothing to do
     * @param facts the values behind it, for -j
     */
    public record Finding(String name, Status status, String seen, String advice, Map<String, Object> facts) {}

    /**
     * The load over one interval.
     *
     * @param othersRunnable threads runnable besides this process's, averaged over the looks; NaN if unknown
     */
    public record Sampled(long millis, MachineLoad.Snapshot before, MachineLoad.Snapshot after, double othersRunnable) {}

    private final SysFiles files;
    private final long ownPid;

    /** {@code ownPid}: the process whose own load is left out (this JVM). */
    public NoiseCheck(SysFiles files, long ownPid) {
        this.files = files;
        this.ownPid = ownPid;
    }

    public static NoiseCheck live() {
        return new NoiseCheck(SysFiles.live(), ProcessHandle.current().pid());
    }

    /** Watches the machine for {@code millis}: a snapshot, {@link #LOOKS} counts of runnable threads, a snapshot. */
    public Sampled sample(long millis) throws InterruptedException {
        MachineLoad.Snapshot before = MachineLoad.snapshot(files);
        long sum = 0;
        int counted = 0;
        for (int i = 0; i < LOOKS; i++) {
            Thread.sleep(millis / LOOKS);
            OptionalLong r = MachineLoad.othersRunnable(files, ownPid);
            if (r.isPresent()) {
                sum += r.getAsLong();
                counted++;
            }
        }
        return new Sampled(millis, before, MachineLoad.snapshot(files), counted == 0 ? Double.NaN
                : (double) sum / counted);
    }

    /** Every finding, in the order they are printed. */
    public List<Finding> findings(Sampled s) {
        List<Integer> online = onlineCpus();
        List<Finding> out = new ArrayList<>();
        out.add(load(files.read("/proc/loadavg").flatMap(MachineLoad::parseLoadavg), online.size()));
        out.add(runnable(s.othersRunnable(), s.millis()));
        out.add(processes(MachineLoad.busiest(s.before(), s.after(), online.size(), ownPid),
                MachineLoad.othersShare(s.before(), s.after(), ownPid), s.millis()));
        SettingsCheck settings = new SettingsCheck(files);
        out.add(settings.frequency(online));
        out.add(settings.smt(online));
        out.add(settings.virtualization(MachineLoad.stealShare(s.before(), s.after())));
        out.add(settings.clocksource());
        out.add(settings.thp());
        return out;
    }

    /** The online CPUs, or those /proc/stat counts, or CPU 0 alone. */
    List<Integer> onlineCpus() {
        Optional<String> text = files.read(CPU + "online");
        if (text.isPresent()) {
            try {
                return CpuSet.parseList(text.get());
            } catch (IllegalArgumentException e) {
                // counted from /proc/stat below
            }
        }
        List<Integer> cpus = new ArrayList<>();
        for (String line : files.read("/proc/stat").orElse("").split("\n")) {
            if (line.matches("cpu[0-9]+\\s.*")) {
                cpus.add(Integer.parseInt(line.substring(3, line.indexOf(' '))));
            }
        }
        return cpus.isEmpty() ? List.of(0) : cpus;
    }

    static Finding load(Optional<MachineLoad.LoadAverage> load, int cpus) {
        if (load.isEmpty()) {
            return new Finding("load", Status.OK, "/proc/loadavg cannot be read", null, Map.of());
        }
        MachineLoad.LoadAverage l = load.get();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("load_1m", l.one());
        facts.put("load_5m", l.five());
        facts.put("load_15m", l.fifteen());
        facts.put("online_cpus", cpus);
        String seen = String.format(Locale.ROOT, "load average %.2f, %.2f, %.2f (1, 5, 15 min) on %d online CPU%s",
                l.one(), l.five(), l.fifteen(), cpus, cpus == 1 ? "" : "s");
        if (l.one() <= LOAD_PER_CPU * cpus) {
            return new Finding("load", Status.OK, seen, null, facts);
        }
        return new Finding("load", Status.WARN, seen + String.format(Locale.ROOT, ", %.2f per CPU", l.one() / cpus),
                "other work shares the CPUs; measure when the load is below " + fmt(LOAD_PER_CPU * cpus)
                        + " (see the busy processes)", facts);
    }

    static Finding runnable(double others, long millis) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("others_runnable_mean", Double.isFinite(others) ? others : null);
        if (!Double.isFinite(others)) {
            return new Finding("runnable", Status.OK, "procs_running of /proc/stat cannot be read", null, facts);
        }
        String seen = String.format(Locale.ROOT, "%.1f other threads runnable on average (%d looks at /proc/stat"
                + " in %.1f s)", others, LOOKS, millis / 1000.0);
        return others <= RUNNABLE ? new Finding("runnable", Status.OK, seen, null, facts)
                : new Finding("runnable", Status.WARN, seen, "threads of other programs wait for a CPU: the"
                        + " benchmark's two ends would wait with them; stop them or measure later", facts);
    }

    static Finding processes(List<MachineLoad.Busy> busiest, double othersShare, long millis) {
        List<Map<String, Object>> named = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (MachineLoad.Busy b : busiest) {
            if (b.cpuShare() < NAMED_SHARE || named.size() == 5) {
                break;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("pid", b.pid());
            one.put("comm", b.comm());
            one.put("cpu_share", b.cpuShare());
            named.add(one);
            words.add(String.format(Locale.ROOT, "%s (pid %d) %.0f%%", b.comm(), b.pid(), b.cpuShare() * 100));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("sample_ms", millis);
        facts.put("others_share_of_all_cpus", Double.isFinite(othersShare) ? othersShare : null);
        facts.put("busiest", named);
        String all = Double.isFinite(othersShare) ? String.format(Locale.ROOT, "; other processes took %.0f%% of all"
                + " CPU time", othersShare * 100) : "";
        String seen = (words.isEmpty() ? String.format(Locale.ROOT, "no other process used %.0f%% of a CPU",
                NAMED_SHARE * 100) : "busiest of one CPU: " + String.join(", ", words))
                + String.format(Locale.ROOT, " over %.1f s", millis / 1000.0) + all;
        boolean busy = !busiest.isEmpty() && busiest.getFirst().cpuShare() > BUSY_SHARE
                || Double.isFinite(othersShare) && othersShare > BUSY_SHARE;
        return busy ? new Finding("processes", Status.WARN, seen, "stop them or wait until they end; a trial"
                + " measured now shares its CPUs with them", facts) : new Finding("processes", Status.OK, seen, null,
                        facts);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
