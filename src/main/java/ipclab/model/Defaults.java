package ipclab.model;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;

/** ipc-static's defaults, in one place; the help text quotes these. */
public final class Defaults {
    public static final int BUFFER_SIZE_BYTES = 128 * 1024;
    public static final long TOTAL_SIZE_BYTES = 16L * 1024 * 1024;
    /** ipc-static's default, pipe: the first mechanism of the registry. */
    public static final Mechanism IPC_TYPE = Mechanisms.all().getFirst();
    public static final int TCP_PORT = 10141;
    /** ipc-static's workload, and what a configuration that names none runs. */
    public static final String WORKLOAD = "stream";
    /** The largest user buffer accepted: one native allocation per side. */
    public static final int MAX_BUFFER_SIZE_BYTES = 1 << 30;

    private Defaults() {}
}
