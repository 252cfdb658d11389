package ipclab.model;

/**
 * The arithmetic that sizes a run and each call in it. Pure and small, so the loops stay readable
 * and each rule has its own test.
 */
public final class Blocks {
    private Blocks() {}

    /** How many write(2) calls a sender makes: totalsize is a multiple of buffersize. */
    public static long blockCount(long totalBytes, int bufferSizeBytes) {
        return (totalBytes + bufferSizeBytes - 1) / bufferSizeBytes;
    }

    /** Bytes the sender asks write(2) for: a whole buffer, or what remains. */
    public static long writeLength(long sentBytes, long totalBytes, int bufferSizeBytes) {
        return Math.min(bufferSizeBytes, totalBytes - sentBytes);
    }

    /** Where in its buffer the receiver reads next: {@code received % buffersize}. */
    public static long offset(long doneBytes, int bufferSizeBytes) {
        return doneBytes % bufferSizeBytes;
    }

    /** Bytes asked of read(2) (or of a 1thread write): up to the end of the buffer, or what remains. */
    public static long chunkLength(long doneBytes, long totalBytes, int bufferSizeBytes) {
        return Math.min(bufferSizeBytes - offset(doneBytes, bufferSizeBytes), totalBytes - doneBytes);
    }

    /** KiB (1024 bytes) per second, as ipc-static prints it. */
    public static double kibPerSec(long bytes, long elapsedNanos) {
        return bytes / (elapsedNanos / 1e9) / 1024.0;
    }

    /** The smallest multiple of {@code bufferSizeBytes} that is at least {@code bytes}. */
    public static long roundUpToMultiple(long bytes, int bufferSizeBytes) {
        return blockCount(Math.max(bytes, 1), bufferSizeBytes) * bufferSizeBytes;
    }
}
