package ipclab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.machine.MachineLoad;
import ipclab.machine.SysFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What else the machine did while a sweep measured: at the start of every block of trials and at
 * the end, one line of {@code load.jsonl} with the 1-minute load average, the threads runnable
 * besides the sweep's own, and the share of all CPUs' time that went to other processes (and to
 * the hypervisor, steal) since the line before. The sweep's own JVM and its 2proc child are not
 * "others". Written as it goes, flushed per line, like the trials: a sweep cut short keeps it.
 */
public final class LoadLog implements AutoCloseable {
    public static final String FILE = "load.jsonl";
    /** A block in which others took more than this share of the CPUs was a busy one. */
    public static final double BUSY_SHARE = 0.10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line: the block it opens (or -1 for the end), and what the machine did since the line before. */
    public record Entry(int block, String time, double loadAverage, long othersRunnable, double othersShare,
            double stealShare) {}

    private final Writer out;
    private final SysFiles files = SysFiles.live();
    private final List<Entry> entries = new ArrayList<>();
    private MachineLoad.Snapshot last;

    private LoadLog(Writer out) {
        this.out = out;
        this.last = MachineLoad.snapshot(files);
    }

    /** Appends to {@code folder}'s load log (a resumed sweep adds its blocks to the first run's). */
    public static LoadLog open(Path folder) throws IOException {
        return new LoadLog(Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Records the machine as block {@code block} (0-based; -1 for the end) begins; {@code own} are the sweep's pids. */
    public void record(int block, List<Long> own) throws IOException {
        MachineLoad.Snapshot now = MachineLoad.snapshot(files);
        double load = files.read("/proc/loadavg").flatMap(MachineLoad::parseLoadavg)
                .map(MachineLoad.LoadAverage::one).orElse(Double.NaN);
        long runnable = MachineLoad.othersRunnable(files, ProcessHandle.current().pid()).orElse(-1);
        Entry e = new Entry(block, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), load, runnable,
                MachineLoad.othersShare(last, now, own), MachineLoad.stealShare(last, now));
        last = now;
        entries.add(e);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("block", e.block() < 0 ? null : e.block() + 1);
        line.put("time", e.time());
        line.put("load_average_1m", finite(e.loadAverage()));
        line.put("others_runnable", e.othersRunnable() < 0 ? null : e.othersRunnable());
        line.put("others_cpu_share", finite(e.othersShare()));
        line.put("steal_share", finite(e.stealShare()));
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        out.flush();
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
    }

    /** The lines of this run, in order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * One line for the end of the sweep when other processes took more than {@link #BUSY_SHARE}
     * of the CPUs in some intervals between lines: how many, the most they took and the highest
     * load average; null when the machine was quiet throughout.
     */
    public static String busyWarning(List<Entry> entries, int cpus) {
        List<Entry> measured = entries.stream().skip(1).filter(e -> Double.isFinite(e.othersShare())).toList();
        long busy = measured.stream().filter(e -> e.othersShare() > BUSY_SHARE).count();
        if (busy == 0) {
            return null;
        }
        double most = measured.stream().mapToDouble(Entry::othersShare).max().orElse(0);
        double load = entries.stream().mapToDouble(Entry::loadAverage).filter(Double::isFinite).max().orElse(Double.NaN);
        return String.format(java.util.Locale.ROOT, "warning: the machine was busy: other processes took more than"
                + " %.0f%% of the CPUs in %d of %d blocks (at most %.0f%%; load average up to %.1f on %d CPUs); the"
                + " figures include that, see %s and 'ipclab check'", BUSY_SHARE * 100, busy, measured.size(),
                most * 100, load, cpus, FILE);
    }

    /**
     * One line for the end of the sweep when the hypervisor took more than {@link #BUSY_SHARE} of
     * the CPUs (steal time) in some intervals: a virtual machine's CPUs are shared with other
     * guests, which nothing inside it can stop, and a sweep on an idle guest still varies. Null
     * when steal stayed under it (or is not shown).
     */
    public static String stealWarning(List<Entry> entries) {
        List<Entry> measured = entries.stream().skip(1).filter(e -> Double.isFinite(e.stealShare())).toList();
        long stolen = measured.stream().filter(e -> e.stealShare() > BUSY_SHARE).count();
        if (stolen == 0) {
            return null;
        }
        double most = measured.stream().mapToDouble(Entry::stealShare).max().orElse(0);
        return String.format(java.util.Locale.ROOT, "warning: the hypervisor took more than %.0f%% of the CPUs (steal"
                + " time) in %d of %d blocks (at most %.0f%%): this VM shares its host's CPUs with other guests, which"
                + " no setting inside it stops; the figures include that, see %s", BUSY_SHARE * 100, stolen,
                measured.size(), most * 100, FILE);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
