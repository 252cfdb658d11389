package ipclab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's name, as every sample records it. */
public final class Host {
    private static final String NAME = read();

    private Host() {}

    public static String name() {
        return NAME;
    }

    private static String read() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
