package ipclab.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * CPU affinity of the calling thread (sched_setaffinity/sched_getaffinity on a {@code cpu_set_t}),
 * and the kernel's CPU list text ({@code 0-3,6}) both ways. Set-up only: never in a timed region.
 */
public final class CpuSet {
    private static final int MAX_CPUS = (int) Sched.CPU_SET_BYTES * 8;

    private CpuSet() {}

    /** Places the calling thread on {@code cpus} (sched_setaffinity with tid 0). */
    public static void pin(List<Integer> cpus) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(Sched.CPU_SET_BYTES, 8);
            for (int cpu : cpus) {
                if (cpu < 0 || cpu >= MAX_CPUS) {
                    throw new IllegalArgumentException("CPU " + cpu + " is outside 0.." + (MAX_CPUS - 1));
                }
                long word = mask.getAtIndex(JAVA_LONG, cpu / 64);
                mask.setAtIndex(JAVA_LONG, cpu / 64, word | (1L << (cpu % 64)));
            }
            Sched.sched_setaffinity(0, mask);
        }
    }

    /** The CPUs the calling thread may run on, ascending. */
    public static List<Integer> allowed() throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(Sched.CPU_SET_BYTES, 8);
            Sched.sched_getaffinity(0, mask);
            List<Integer> cpus = new ArrayList<>();
            for (int i = 0; i < MAX_CPUS; i++) {
                if ((mask.getAtIndex(JAVA_LONG, i / 64) & (1L << (i % 64))) != 0) {
                    cpus.add(i);
                }
            }
            return cpus;
        }
    }

    /** The first 64 CPUs of {@code cpus} as a bit mask (bit n = CPU n), to send in one long. */
    public static long toMask(List<Integer> cpus) {
        long mask = 0;
        for (int cpu : cpus) {
            if (cpu < 64) {
                mask |= 1L << cpu;
            }
        }
        return mask;
    }

    public static List<Integer> fromMask(long mask) {
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                cpus.add(i);
            }
        }
        return cpus;
    }

    /**
     * Parses the kernel's CPU list format ({@code 0-3,6}, as in /sys/devices/system/cpu/online and
     * Cpus_allowed_list), ascending and without duplicates.
     *
     * @throws IllegalArgumentException when it is not such a list
     */
    public static List<Integer> parseList(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : s.split(",", -1)) {
            String[] range = part.strip().split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + text + "' is not a CPU list");
            }
            int from = number(range[0], text);
            int to = range.length == 2 ? number(range[1], text) : from;
            if (to < from) {
                throw new IllegalArgumentException("'" + text + "' is not a CPU list");
            }
            for (int i = from; i <= to; i++) {
                cpus.add(i);
            }
        }
        return List.copyOf(cpus);
    }

    /** The kernel's compact form of {@code cpus}: consecutive CPUs become a range, as in {@code 0-3,6}. */
    public static String formatList(List<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(sorted.get(i));
            if (j > i) {
                b.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }

    private static int number(String s, String text) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' is not a CPU list");
        }
        int n = Integer.parseInt(t);
        if (n >= MAX_CPUS) {
            throw new IllegalArgumentException("CPU " + n + " is outside 0.." + (MAX_CPUS - 1));
        }
        return n;
    }
}
