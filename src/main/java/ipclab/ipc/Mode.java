package ipclab.ipc;

import java.util.Arrays;
import java.util.Optional;

/** Where the two ends of the IPC object live, named as ipc-static's mode argument names them. */
public enum Mode {
    /** Both ends in one thread, non-blocking, with poll(2) when neither side can progress. */
    ONE_THREAD("1thread", "IPC within a single thread"),
    /** A sender thread and a receiver thread in one process. */
    TWO_THREAD("2thread", "IPC between two threads in one process"),
    /** The sender in a second process (a child JVM) on the same kernel object. */
    TWO_PROC("2proc", "IPC between two threads in two different processes");

    private final String label;
    private final String description;

    Mode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The labels of {@code modes}, in declaration order. */
    public static java.util.List<String> labels(java.util.Collection<Mode> modes) {
        return Arrays.stream(values()).filter(modes::contains).map(Mode::label).toList();
    }

    public static Optional<Mode> fromLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
