package ipclab.model;

import ipclab.ipc.Mode;

import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Settings;
import java.util.List;
import java.util.Objects;

/**
 * What to run: one point of the benchmark's space. Validated on construction, so that a
 * BenchConfig that exists can be run; the messages are written for the user who typed the
 * options (the cli turns them into a usage error, exit 64).
 *
 * @param mode where the two ends live
 * @param mechanism the kernel object
 * @param bufferSizeBytes user buffer size (-b): bytes per write(2), the most per read(2)
 * @param totalSizeBytes bytes moved (-t), a multiple of bufferSizeBytes
 * @param tcpPort port for tcp (-p); 0 picks a free one
 * @param socketBuffers -s: SO_SNDBUF and SO_RCVBUF set to bufferSizeBytes (sockets only)
 * @param pipeSizeBytes --pipe-size: the pipe's capacity (pipes only); 0 for the kernel default
 * @param bare -B: no warm-up, no sync/sleep; the downcalls are still linked and primed
 * @param cpus CPUs to place the run on (receiver first, then sender); empty for unpinned
 * @param sharedFdTable --shared-fd-table: the benchmark threads of 1thread and 2proc keep the
 *     process's shared descriptor table instead of a private copy ({@link #privateFdTable})
 * @param workload what the two ends do, by name: {@code stream} (ipc-static's bandwidth: totalsize
 *     bytes a buffer at a time) or {@code latency} (round trips of one buffersize-byte message
 *     each way, totalsize / buffersize of them)
 * @param settings the mechanism's own settings ({@link ipclab.ipc.MechanismSetting}), every one
 *     given or at its default
 */
public record BenchConfig(
        Mode mode,
        Mechanism mechanism,
        int bufferSizeBytes,
        long totalSizeBytes,
        int tcpPort,
        boolean socketBuffers,
        int pipeSizeBytes,
        boolean bare,
        List<Integer> cpus,
        boolean sharedFdTable,
        String workload,
        Settings settings) {

    /** A configuration with the mechanism's default settings. */
    public BenchConfig(Mode mode, Mechanism mechanism, int bufferSizeBytes, long totalSizeBytes, int tcpPort,
            boolean socketBuffers, int pipeSizeBytes, boolean bare, List<Integer> cpus, boolean sharedFdTable,
            String workload) {
        this(mode, mechanism, bufferSizeBytes, totalSizeBytes, tcpPort, socketBuffers, pipeSizeBytes, bare, cpus,
                sharedFdTable, workload, Settings.NONE);
    }

    /** A configuration of ipc-static's stream workload. */
    public BenchConfig(Mode mode, Mechanism mechanism, int bufferSizeBytes, long totalSizeBytes, int tcpPort,
            boolean socketBuffers, int pipeSizeBytes, boolean bare, List<Integer> cpus, boolean sharedFdTable) {
        this(mode, mechanism, bufferSizeBytes, totalSizeBytes, tcpPort, socketBuffers, pipeSizeBytes, bare, cpus,
                sharedFdTable, Defaults.WORKLOAD);
    }

    /** A configuration with the default descriptor table (private where ipc-static's is). */
    public BenchConfig(Mode mode, Mechanism mechanism, int bufferSizeBytes, long totalSizeBytes, int tcpPort,
            boolean socketBuffers, int pipeSizeBytes, boolean bare, List<Integer> cpus) {
        this(mode, mechanism, bufferSizeBytes, totalSizeBytes, tcpPort, socketBuffers, pipeSizeBytes, bare, cpus,
                false);
    }

    public BenchConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(workload, "workload");
        cpus = List.copyOf(cpus);
        // Every setting the mechanism declares, given or defaulted: results record them all.
        settings = Settings.of(mechanism, settings == null ? java.util.Map.of() : settings.values());
        if (bufferSizeBytes <= 0) {
            throw new IllegalArgumentException("buffersize must be positive, not " + bufferSizeBytes);
        }
        if (bufferSizeBytes > Defaults.MAX_BUFFER_SIZE_BYTES) {
            throw new IllegalArgumentException("buffersize " + bufferSizeBytes + " is larger than the maximum, "
                    + Defaults.MAX_BUFFER_SIZE_BYTES);
        }
        if (totalSizeBytes <= 0) {
            throw new IllegalArgumentException("totalsize must be positive, not " + totalSizeBytes);
        }
        if (totalSizeBytes % bufferSizeBytes != 0) {
            throw new IllegalArgumentException("totalsize " + totalSizeBytes + " is not a multiple of buffersize "
                    + bufferSizeBytes);
        }
        if (tcpPort < 0 || tcpPort > 65535) {
            throw new IllegalArgumentException("tcp port must be 1..65535 (or 0 for any free port), not " + tcpPort);
        }
        if (pipeSizeBytes < 0) {
            throw new IllegalArgumentException("--pipe-size must be positive, not " + pipeSizeBytes);
        }
        if (socketBuffers) {
            Mechanisms.refuse(IpcOption.SOCKET_BUFFERS, mechanism);
        }
        if (pipeSizeBytes > 0) {
            Mechanisms.refuse(IpcOption.PIPE_SIZE, mechanism);
        }
        if (!mechanism.workloads().contains(workload)) {
            String why = mechanism.workloadsReason();
            throw new IllegalArgumentException("-i " + mechanism.name() + " cannot carry the " + workload
                    + " workload: it carries " + String.join(", ", mechanism.workloads().stream().sorted().toList())
                    + (why.isEmpty() ? "" : "; " + why));
        }
        if (mechanism.fixedMessageBytes() > 0 && bufferSizeBytes != mechanism.fixedMessageBytes()) {
            throw new IllegalArgumentException("-i " + mechanism.name() + " takes -b " + mechanism.fixedMessageBytes()
                    + " only, not " + bufferSizeBytes + ": " + mechanism.fixedMessageReason());
        }
        if (!mechanism.modes().contains(mode)) {
            throw new IllegalArgumentException("-i " + mechanism.name() + " cannot run " + mode.label()
                    + ": it supports " + String.join(", ", Mode.labels(mechanism.modes())));
        }
        mechanism.check(mode, workload, bufferSizeBytes, cpus, settings);
        if (sharedFdTable && mode == Mode.TWO_THREAD) {
            throw new IllegalArgumentException("--shared-fd-table: the two threads of 2thread always share the "
                    + "descriptor table, as ipc-static's do; use it with 1thread or 2proc");
        }
    }

    /** ipc-static's defaults for {@code mode}. */
    public static BenchConfig defaults(Mode mode) {
        return new BenchConfig(mode, Defaults.IPC_TYPE, Defaults.BUFFER_SIZE_BYTES, Defaults.TOTAL_SIZE_BYTES,
                Defaults.TCP_PORT, false, 0, false, List.of());
    }

    /**
     * Whether each benchmark thread gets its own copy of the descriptor table: in 1thread and
     * 2proc, unless --shared-fd-table, because ipc-static's processes there are single-threaded
     * and so take the kernel's cheaper descriptor lookup; never in 2thread, whose two threads
     * share a table in ipc-static too.
     */
    public boolean privateFdTable() {
        return mode != Mode.TWO_THREAD && !sharedFdTable;
    }

    /** {@code private} or {@code shared}: the descriptor table the benchmark threads use. */
    public String fdTable() {
        return privateFdTable() ? "private" : "shared";
    }

    public long blockCount() {
        return Blocks.blockCount(totalSizeBytes, bufferSizeBytes);
    }

    /** Round trips of the latency workload: one buffersize-byte message each way per round. */
    public long rounds() {
        return blockCount();
    }

    /** How to make the endpoint pair for one run of this configuration. */
    public IpcSpec ipcSpec() {
        return new IpcSpec(mechanism, tcpPort, socketBuffers ? bufferSizeBytes : 0, pipeSizeBytes, false, settings,
                bufferSizeBytes);
    }

    public BenchConfig withBare(boolean bare) {
        return new BenchConfig(mode, mechanism, bufferSizeBytes, totalSizeBytes, tcpPort, socketBuffers,
                pipeSizeBytes, bare, cpus, sharedFdTable, workload, settings);
    }

    public BenchConfig withSettings(Settings settings) {
        return new BenchConfig(mode, mechanism, bufferSizeBytes, totalSizeBytes, tcpPort, socketBuffers,
                pipeSizeBytes, bare, cpus, sharedFdTable, workload, settings);
    }

    public BenchConfig withWorkload(String workload) {
        return new BenchConfig(mode, mechanism, bufferSizeBytes, totalSizeBytes, tcpPort, socketBuffers,
                pipeSizeBytes, bare, cpus, sharedFdTable, workload, settings);
    }
}
