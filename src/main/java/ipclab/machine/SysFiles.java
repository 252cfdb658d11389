package ipclab.machine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the kernel's text files (/proc, /sys, /etc) under a root: {@code /} on a real machine, a
 * folder of canned files in tests. A file that cannot be read is empty, never an error.
 */
public final class SysFiles {
    private final Path root;

    public SysFiles(Path root) {
        this.root = root;
    }

    /** The machine's own files. */
    public static SysFiles live() {
        return new SysFiles(Path.of("/"));
    }

    /** The file's text without surrounding white space, or empty when it cannot be read. */
    public Optional<String> read(String absolutePath) {
        try {
            // Not Files.readString: it sizes its read by the file's size, which procfs reports as
            // 0, and a /proc/sys file read that way yields its first byte only.
            try (InputStream in = Files.newInputStream(root.resolve(absolutePath.substring(1)))) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The names in a folder, sorted; empty when it cannot be listed. */
    public java.util.List<String> list(String absolutePath) {
        try (java.util.stream.Stream<Path> names = Files.list(root.resolve(absolutePath.substring(1)))) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }

    /** Whether the path exists (a file or a folder). */
    public boolean exists(String absolutePath) {
        return Files.exists(root.resolve(absolutePath.substring(1)));
    }
}
