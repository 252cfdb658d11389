package ipclab.ipc.mq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The kernel's limits on message queues, from /proc/sys/fs/mqueue: the deepest queue
 * ({@code msg_max}), the largest message ({@code msgsize_max}), the defaults a queue gets without
 * attributes ({@code msg_default}, {@code msgsize_default}) and the queues a namespace may have
 * ({@code queues_max}). Read as a stream: procfs reports a size of 0.
 */
final class MqLimits {
    static final String DIR = "/proc/sys/fs/mqueue/";
    static final String MSG_MAX = DIR + "msg_max";
    static final String MSGSIZE_MAX = DIR + "msgsize_max";
    static final String MSGSIZE_DEFAULT = DIR + "msgsize_default";

    private MqLimits() {}

    /** The number in {@code path}, or empty where there is none (no mqueue support, no procfs). */
    static OptionalLong read(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return OptionalLong.of(Long.parseLong(new String(in.readAllBytes()).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
