package ipclab.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Tool outputs captured from real runs on this machine kind (IPCLAB_TRACE_RAW), in test resources. */
final class Canned {
    private Canned() {}

    static List<String> lines(String name) {
        try (InputStream in = Canned.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
