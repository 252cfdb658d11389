package ipclab.ipc;

import java.util.Arrays;
import java.util.Optional;

/** The kernel objects ipclab moves bytes through, named as ipc-static's {@code -i} names them. */
public enum IpcType {
    /** pipe2(2): a unidirectional pipe. */
    PIPE("pipe"),
    /** socketpair(AF_UNIX, SOCK_STREAM): a connected pair of Unix stream sockets. */
    LOCAL("local"),
    /** A TCP connection over 127.0.0.1, from a listening socket to a connecting one. */
    TCP("tcp");

    private final String label;

    IpcType(String label) {
        this.label = label;
    }

    /** The command-line and output name: pipe, local or tcp. */
    public String label() {
        return label;
    }

    public boolean isSocket() {
        return this != PIPE;
    }

    public static Optional<IpcType> fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
