package ipclab.experiment.lab;

/**
 * One pair of the lab's probe-effect study: a line of {@code probe-effect.csv}. The counts are what
 * the tracer saw of its last traced run at that size (the same on every pair of a tracer and size).
 *
 * @param pair the pair's number, from 0; the order inside a pair alternates with it
 * @param seenCalls read and write calls the tracer counted, or -1 when it counts none (the idle control)
 * @param seenSwitches context switches it counted, or -1
 */
public record ProbeRow(String mode, String ipc, int bufferSizeBytes, long totalBytes, String tracer, int pair,
        double untracedKibPerSec, double tracedKibPerSec, double attachSeconds, long seenCalls, long seenSwitches) {

    public static final String HEADER = "mode,ipc,buffer_size_bytes,total_bytes,tracer,pair,untraced_kib_per_sec,"
            + "traced_kib_per_sec,attach_seconds,seen_calls,seen_switches";

    public double ratio() {
        return tracedKibPerSec / untracedKibPerSec;
    }

    public String csv() {
        return String.join(",", mode, ipc, String.valueOf(bufferSizeBytes), String.valueOf(totalBytes), tracer,
                String.valueOf(pair), LabFiles.number(untracedKibPerSec), LabFiles.number(tracedKibPerSec),
                LabFiles.number(attachSeconds), String.valueOf(seenCalls), String.valueOf(seenSwitches));
    }

    static ProbeRow parse(String[] f) {
        return new ProbeRow(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), f[4], Integer.parseInt(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]), Long.parseLong(f[9]),
                Long.parseLong(f[10]));
    }
}
