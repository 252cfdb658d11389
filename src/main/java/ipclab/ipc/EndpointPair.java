package ipclab.ipc;

import ipclab.sys.Fd;

/**
 * A connected reader and writer: the kernel object under test, made by a {@link Mechanism}. The
 * loops see two descriptors; the pair owns both and closes both.
 */
public record EndpointPair(Fd reader, Fd writer, Grants granted) implements AutoCloseable {
    @Override
    public void close() {
        reader.close();
        writer.close();
    }
}
