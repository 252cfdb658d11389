package ipclab.experiment.parity;

import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Defaults;
import java.util.List;
import java.util.Locale;

/**
 * One configuration of a parity study, as typed: {@code MODE:IPC:SIZE[:TOTAL]} for the stream
 * (buffer size and total bytes, 64 MiB unless given), {@code MODE:IPC:MSGSIZE} for round trips.
 * Checked as a configuration of ipclab's, so what cannot run is refused before anything does.
 */
public record ParityPoint(BenchConfig config, String text) {
    /**
     * The stream's total when none is given: 65,536 buffers, within 64 MiB..2 GiB (4 KiB: 256 MiB,
     * 128 KiB and up: 2 GiB), so that a run lasts long enough for a process's start and a wake-up
     * not to weigh in its rate (64 MiB at 4 KiB lasted about 12 ms here).
     */
    static long defaultTotal(long size) {
        return Math.min(2L << 30, Math.max(64L << 20, size * 65536));
    }

    /** {@code text} for {@code workload}, or IllegalArgumentException with one line. */
    public static ParityPoint parse(String text, String workload, long rounds) {
        String[] f = text.split(":");
        boolean latency = workload.equals("latency");
        if (f.length < 3 || f.length > (latency ? 3 : 4)) {
            throw new IllegalArgumentException("'" + text + "' is not "
                    + (latency ? "MODE:IPC:MSGSIZE" : "MODE:IPC:SIZE[:TOTAL]") + " (e.g. "
                    + (latency ? "2thread:pipe:64" : "2thread:pipe:4k") + ")");
        }
        Mode mode = Mode.fromLabel(f[0]).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "': unknown mode '" + f[0] + "': use 1thread, 2thread, 2proc"));
        var mechanism = Mechanisms.require(f[1]);
        List<String> covered = NativeReference.covered(latency ? NativeReference.Program.LATENCY
                : NativeReference.Program.STREAM);
        if (!covered.contains(mechanism.name())) {
            throw new IllegalArgumentException("'" + text + "': the native " + workload + " loops cover "
                    + String.join(", ", covered) + ", not " + mechanism.name());
        }
        long size = size(text, f[2]);
        long total = latency ? rounds * size : f.length == 4 ? size(text, f[3]) : defaultTotal(size);
        if (size > Defaults.MAX_BUFFER_SIZE_BYTES) {
            throw new IllegalArgumentException("'" + text + "': size " + size + " is larger than the maximum, "
                    + Defaults.MAX_BUFFER_SIZE_BYTES);
        }
        BenchConfig c = new BenchConfig(mode, mechanism, (int) size, total, 0, false, 0, false, List.of(), false,
                workload);
        return new ParityPoint(c, String.format(Locale.ROOT, "%s:%s:%s", mode.label(), mechanism.name(),
                ipclab.experiment.Sizes.format(size).replace(" ", "")));
    }

    private static long size(String text, String value) {
        try {
            return ipclab.experiment.Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': '" + value + "' is not a size (e.g. 4096, 4k, 1m)");
        }
    }

}
