package ipclab.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
            // Read as a stream: Files.readString trusts the size procfs reports (0) and gets one byte.
            try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/hostname"))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            return "unknown";
        }
    }
}
