package ipclab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input file (a plan, a results file) only if it is a regular file of a sane size: a
 * FIFO would block the reader for ever, {@code /dev/zero} would fill the heap. A symbolic link
 * is followed, and what it leads to is checked.
 */
public final class InputFiles {
    /** Why a file was not read. */
    public static final class Refused extends IOException {
        private final boolean noInput;

        Refused(String message, boolean noInput) {
            super(message);
            this.noInput = noInput;
        }

        /** True when it is missing or not a regular file (exit 66); false when it is too large (65). */
        public boolean noInput() {
            return noInput;
        }
    }

    private InputFiles() {}

    /** The bytes of {@code file}, at most {@code maxBytes}; {@link Refused} names what is wrong. */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        if (!Files.exists(file)) {
            throw new Refused(file + ": missing", true);
        }
        if (!Files.isRegularFile(file)) {
            throw new Refused(file + ": not a regular file (" + kind(file) + "); only regular files are read", true);
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new Refused(file + ": " + size + " bytes, more than the " + maxBytes + " ipclab reads", false);
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Never more than maxBytes, even if the file grew since its size was read.
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8) + 1);
            if (bytes.length > maxBytes) {
                throw new Refused(file + ": more than the " + maxBytes + " bytes ipclab reads", false);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new Refused(file + ": missing", true);
        }
    }

    private static String kind(Path file) {
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            int type = ((Integer) mode) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a plain file";
            };
        } catch (IOException | RuntimeException e) {
            return "not a plain file";
        }
    }
}
