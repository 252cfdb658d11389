package ipclab.machine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The machine's load as procfs shows it: /proc/loadavg, the aggregate {@code cpu} line and
 * {@code procs_running} of /proc/stat, and each process's /proc/PID/stat. Pure parsers of the
 * files' text (each with canned-text tests), and a {@link Snapshot} read under a {@link SysFiles}
 * root; two snapshots a moment apart say which other processes took CPU time in between.
 *
 * <p>Times are the kernel's USER_HZ ticks, which /proc/stat and /proc/PID/stat count alike, so a
 * process's share of a CPU is its ticks over the machine's ticks per CPU in the same interval:
 * no tick rate is assumed.
 */
public final class MachineLoad {
    private MachineLoad() {}

    /** /proc/loadavg: the 1, 5 and 15 minute load averages, then runnable / all scheduling entities. */
    public record LoadAverage(double one, double five, double fifteen, int runnable, int entities) {}

    /**
     * The {@code cpu} line of /proc/stat, summed over the CPUs, in ticks.
     *
     * @param busy user + nice + system + irq + softirq (guest time is inside user and nice)
     * @param idle idle + iowait
     * @param steal time the hypervisor ran something else while this guest wanted a CPU
     */
    public record CpuTimes(long busy, long idle, long steal) {
        public long total() {
            return busy + idle + steal;
        }
    }

    /** One process from its stat line: its pid, command name, state letter and user + system ticks. */
    public record ProcessTicks(long pid, String comm, char state, long cpuTicks) {}

    /** A process that took CPU time between two snapshots: its share of one CPU (1.0 = a whole CPU). */
    public record Busy(long pid, String comm, double cpuShare) {}

    /** The machine's CPU times and every process's ticks at one moment. */
    public record Snapshot(CpuTimes cpu, Map<Long, ProcessTicks> processes) {}

    /** {@code 0.09 0.07 0.03 1/78 3115}; empty when the text is not that. */
    public static Optional<LoadAverage> parseLoadavg(String text) {
        String[] f = text.strip().split("\\s+");
        if (f.length < 4) {
            return Optional.empty();
        }
        int slash = f[3].indexOf('/');
        try {
            double one = Double.parseDouble(f[0]);
            double five = Double.parseDouble(f[1]);
            double fifteen = Double.parseDouble(f[2]);
            if (slash < 1 || !(one >= 0 && five >= 0 && fifteen >= 0)) {
                return Optional.empty();
            }
            return Optional.of(new LoadAverage(one, five, fifteen, Integer.parseInt(f[3].substring(0, slash)),
                    Integer.parseInt(f[3].substring(slash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The aggregate {@code cpu  user nice system idle iowait irq softirq steal ...} line of /proc/stat. */
    public static Optional<CpuTimes> parseCpuLine(String procStat) {
        for (String line : procStat.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (!f[0].equals("cpu")) {
                continue;
            }
            long[] v = new long[8];
            try {
                for (int i = 0; i < v.length && i + 1 < f.length; i++) {
                    v[i] = Long.parseLong(f[i + 1]);
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (f.length < 5) {
                return Optional.empty();
            }
            return Optional.of(new CpuTimes(v[0] + v[1] + v[2] + v[5] + v[6], v[3] + v[4], v[7]));
        }
        return Optional.empty();
    }

    /** {@code procs_running N} of /proc/stat: threads running or waiting for a CPU now, the reader included. */
    public static OptionalLong procsRunning(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("procs_running ")) {
                try {
                    return OptionalLong.of(Long.parseLong(line.substring("procs_running ".length()).strip()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * A /proc/PID/stat (or task/TID/stat) line. The command name sits in parentheses and may hold
     * spaces and parentheses itself, so the fields are counted from the last {@code )}: state is
     * field 3, utime 14 and stime 15 (proc(5)).
     */
    public static Optional<ProcessTicks> parsePidStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 1).strip().split("\\s+");
        if (f.length < 13 || f[0].length() != 1) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(line.substring(0, open).strip());
            return Optional.of(new ProcessTicks(pid, line.substring(open + 1, close), f[0].charAt(0),
                    Long.parseLong(f[11]) + Long.parseLong(f[12])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The processes other than {@code ownPid} that took CPU time between {@code before} and
     * {@code after}, busiest first, each as a share of one CPU over the interval. A process that
     * started in between counts from its start; one that ended is not seen.
     *
     * @param cpus the CPUs the {@code cpu} line summed (the online CPUs)
     */
    public static List<Busy> busiest(Snapshot before, Snapshot after, int cpus, long ownPid) {
        double ticksPerCpu = (double) (after.cpu().total() - before.cpu().total()) / Math.max(1, cpus);
        List<Busy> out = new ArrayList<>();
        if (ticksPerCpu <= 0) {
            return out;
        }
        for (ProcessTicks p : after.processes().values()) {
            ProcessTicks was = before.processes().get(p.pid());
            // By pid alone: a kernel worker's name changes with its work item. Fewer ticks than
            // before is a new process under a reused pid, counted from its start.
            long used = was == null || was.cpuTicks() > p.cpuTicks() ? p.cpuTicks() : p.cpuTicks() - was.cpuTicks();
            if (p.pid() != ownPid && used > 0) {
                out.add(new Busy(p.pid(), p.comm(), used / ticksPerCpu));
            }
        }
        out.sort(Comparator.comparingDouble(Busy::cpuShare).reversed().thenComparingLong(Busy::pid));
        return out;
    }

    /**
     * The share of all CPUs' time that went to anything but {@code ownPid} between the two
     * snapshots (0..1), or NaN when the interval saw no ticks.
     */
    public static double othersShare(Snapshot before, Snapshot after, long ownPid) {
        long total = after.cpu().total() - before.cpu().total();
        if (total <= 0) {
            return Double.NaN;
        }
        long own = ticks(after, ownPid) - ticks(before, ownPid);
        long busy = after.cpu().busy() - before.cpu().busy();
        return Math.max(0, Math.min(1, (double) (busy - own) / total));
    }

    /**
     * As {@link #othersShare(Snapshot, Snapshot, long)}, leaving out every process of {@code own}
     * (this one and, say, its 2proc child).
     */
    public static double othersShare(Snapshot before, Snapshot after, java.util.Collection<Long> own) {
        long total = after.cpu().total() - before.cpu().total();
        if (total <= 0) {
            return Double.NaN;
        }
        long ours = 0;
        for (long pid : own) {
            ours += Math.max(0, ticks(after, pid) - ticks(before, pid));
        }
        long busy = after.cpu().busy() - before.cpu().busy();
        return Math.max(0, Math.min(1, (double) (busy - ours) / total));
    }

    /** The share of all CPUs' time stolen by the hypervisor between the two snapshots, or NaN. */
    public static double stealShare(Snapshot before, Snapshot after) {
        long total = after.cpu().total() - before.cpu().total();
        return total <= 0 ? Double.NaN : (double) (after.cpu().steal() - before.cpu().steal()) / total;
    }

    private static long ticks(Snapshot s, long pid) {
        ProcessTicks p = s.processes().get(pid);
        return p == null ? 0 : p.cpuTicks();
    }

    /** The machine now, from {@code files}: /proc/stat and every /proc/PID/stat that could be read. */
    public static Snapshot snapshot(SysFiles files) {
        CpuTimes cpu = files.read("/proc/stat").flatMap(MachineLoad::parseCpuLine).orElse(new CpuTimes(0, 0, 0));
        Map<Long, ProcessTicks> processes = new LinkedHashMap<>();
        for (String name : files.list("/proc")) {
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                files.read("/proc/" + name + "/stat").flatMap(MachineLoad::parsePidStat)
                        .ifPresent(p -> processes.put(p.pid(), p));
            }
        }
        return new Snapshot(cpu, processes);
    }

    /**
     * Threads runnable now besides those of {@code ownPid}: procs_running of /proc/stat less the
     * process's own threads in state R (the reading thread among them), never below 0; empty when
     * /proc/stat has no procs_running.
     */
    public static OptionalLong othersRunnable(SysFiles files, long ownPid) {
        OptionalLong running = files.read("/proc/stat").map(MachineLoad::procsRunning).orElse(OptionalLong.empty());
        if (running.isEmpty()) {
            return running;
        }
        String tasks = "/proc/" + ownPid + "/task";
        long own = 0;
        for (String tid : files.list(tasks)) {
            own += files.read(tasks + "/" + tid + "/stat").flatMap(MachineLoad::parsePidStat)
                    .filter(t -> t.state() == 'R').isPresent() ? 1 : 0;
        }
        return OptionalLong.of(Math.max(0, running.getAsLong() - Math.max(1, own)));
    }
}
