package ipclab.ipc.fifo;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.PipeCapacity;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.Pipes;
import ipclab.sys.SysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code -i fifo}: a named pipe. mkfifo(3) in a private temporary folder (0700, a random name),
 * both ends opened by path, then the name unlinked and the folder removed before anything is
 * timed: what is measured is the pipe the kernel made, reached the way unrelated processes reach
 * one. The read end is opened non-blocking first (a blocking open would wait for a writer), and
 * made blocking again once the writer has opened.
 */
public final class FifoMechanism implements Mechanism {
    public static final FifoMechanism INSTANCE = new FifoMechanism();

    private FifoMechanism() {}

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public String description() {
        return "mkfifo(3): a named pipe, unlinked before timing";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of(IpcOption.PIPE_SIZE);
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        Path dir;
        try {
            dir = Files.createTempDirectory("ipclab-fifo-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new SysException("mkdtemp", "no private folder for the FIFO: " + e.getMessage());
        }
        String path = dir.resolve("fifo").toString();
        Fd reader = null;
        Fd writer = null;
        try {
            Pipes.mkfifo(path, 0600);
            reader = new Fd(Pipes.open(path, Pipes.O_RDONLY | Io.O_NONBLOCK | Io.O_CLOEXEC));
            writer = new Fd(Pipes.open(path, Pipes.O_WRONLY | Io.O_CLOEXEC));
            Io.setBlocking(reader.value());
            return EndpointPair.of(reader, writer, (r, w) -> PipeCapacity.apply(w, spec));
        } catch (SysException e) {
            if (reader != null) {
                reader.close();
            }
            if (writer != null) {
                writer.close();
            }
            throw e;
        } finally {
            // The ends stay open; the name goes at once, so nothing is left behind by a run.
            try {
                Files.deleteIfExists(Path.of(path));
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a folder that cannot be removed is left in the temporary directory, empty
            }
        }
    }

    @Override
    public List<String> grantFields() {
        return List.of(PipeCapacity.FIELD);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        return PipeCapacity.describe(spec, granted);
    }

    @Override
    public Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public boolean canShutDown() {
        return false;
    }

    @Override
    public void linkSetUp() {
        Pipes.link(true);
    }

    @Override
    public String toString() {
        return name();
    }
}
