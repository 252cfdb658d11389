package ipclab.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one writer of a results folder: an advisory lock on {@code sweep.lock} in the folder,
 * held from before the folder is repaired or written until the sweep ends. A second sweep (a
 * {@code --resume} while the first still runs) is refused at once, naming the process that holds
 * the lock, instead of writing the same offsets and interleaving the files.
 *
 * <p>The lock is the kernel's (fcntl(2) F_SETLK through {@link FileChannel#tryLock}), so it goes
 * with its holder: a sweep killed with SIGKILL leaves no stale lock, only the file. The file is
 * never deleted (deleting would let a second sweep lock a file the next one no longer sees); the
 * holder writes its pid into it for the message, and empties it when done. fcntl locks belong to
 * a process, so within one JVM a second lock is refused by the JDK instead
 * ({@link OverlappingFileLockException}); the file is then not opened again here, since closing
 * any descriptor of a locked file would drop this process's lock.
 */
public final class ResultsLock implements AutoCloseable {
    public static final String FILE = "sweep.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ResultsLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code folder} for writing, or refuses at once (kind {@code CANT_CREATE}, exit 73)
     * naming the holder's pid.
     */
    public static ResultsLock acquire(Path folder) throws ResultsException {
        Path file = folder.resolve(FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResultsException(ResultsException.Kind.CANT_CREATE, file + ": not a regular file; cannot lock "
                    + folder);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.CANT_CREATE, file + ": cannot lock " + folder + ": "
                    + ResultsFiles.reason(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw busy(folder, ProcessHandle.current().pid() + ", this process");
        } catch (IOException e) {
            close(channel);
            throw new ResultsException(ResultsException.Kind.CANT_CREATE, file + ": cannot lock " + folder + ": "
                    + ResultsFiles.reason(e));
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw busy(folder, holder);
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.truncate(pid.length);
        } catch (IOException e) {
            // The lock holds without the pid in the file; a refused sweep then cannot name us.
        }
        return new ResultsLock(channel, lock);
    }

    private static ResultsException busy(Path folder, String holder) {
        return new ResultsException(ResultsException.Kind.CANT_CREATE, folder + ": another sweep is writing this"
                + " folder (pid " + holder + "); wait for it to end, or stop it, then --resume");
    }

    /**
     * The pid the holder wrote, read through our own (unlocked) descriptor; "unknown" if none. A
     * holder that has just taken the lock may not have written it yet: a few tries, 10 ms apart.
     */
    private static String holder(FileChannel channel) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                ByteBuffer b = ByteBuffer.allocate(32);
                channel.read(b, 0);
                String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
                if (Numbers.isDigits(text)) {
                    return text;
                }
                Thread.sleep(10);
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
        return "unknown";
    }

    /** Empties the file and drops the lock (closing the descriptor drops it too). */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // closing below releases the lock whatever happened
        }
        close(channel);
    }

    private static void close(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to keep
        }
    }
}
