package ipclab.ipc;

/**
 * A mechanism option: a setting only some mechanisms take. A mechanism lists those that apply
 * to it ({@link Mechanism#options}); asking one of another mechanism is a usage error that names
 * the mechanisms it applies to ({@link Mechanisms#refuse}).
 */
public enum IpcOption {
    SOCKET_BUFFERS("-s", "sets socket buffer sizes"),
    PIPE_SIZE("--pipe-size", "sets a pipe's capacity");

    private final String flag;
    private final String purpose;

    IpcOption(String flag, String purpose) {
        this.flag = flag;
        this.purpose = purpose;
    }

    /** The command-line flag, as the user typed it. */
    public String flag() {
        return flag;
    }

    /** What it does, for messages: {@code sets socket buffer sizes}. */
    public String purpose() {
        return purpose;
    }
}
