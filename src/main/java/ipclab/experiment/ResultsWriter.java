package ipclab.experiment;

import ipclab.model.Sample;
import ipclab.bench.SampleFields;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends each trial, as soon as it is measured, to {@code results.jsonl} and then
 * {@code results.csv}, and forces both to the disk (fdatasync) before the next trial: a crash,
 * a kill -9 or a power cut loses at most the trial being written. Each line goes out in one
 * positioned write; if a write fails (a full disk), both files are cut back to their last whole
 * line, so they stay valid, and the failure names the file.
 */
public final class ResultsWriter implements AutoCloseable {
    private final Path folder;
    private final FileChannel jsonl;
    private final FileChannel csv;
    private long jsonlEnd;
    private long csvEnd;
    private int appended;

    private ResultsWriter(Path folder, FileChannel jsonl, FileChannel csv) throws IOException {
        this.folder = folder;
        this.jsonl = jsonl;
        this.csv = csv;
        this.jsonlEnd = jsonl.size();
        this.csvEnd = csv.size();
    }

    /** Starts the results files of a new sweep in {@code folder} (the CSV with its header). */
    public static ResultsWriter create(Path folder) throws ResultsException {
        ResultsWriter w = open(folder, StandardOpenOption.CREATE_NEW);
        w.write(w.csv, ResultsFiles.csvHeader() + "\n", true, ResultsFiles.CSV);
        w.force();
        return w;
    }

    /** Opens the files of an interrupted sweep for appending (after {@link ResultsReader#repair}). */
    public static ResultsWriter resume(Path folder) throws ResultsException {
        return open(folder, StandardOpenOption.WRITE);
    }

    private static ResultsWriter open(Path folder, StandardOpenOption how) throws ResultsException {
        Path file = folder.resolve(ResultsFiles.JSONL);
        FileChannel j = null;
        try {
            j = FileChannel.open(file, how, StandardOpenOption.WRITE);
            file = folder.resolve(ResultsFiles.CSV);
            FileChannel c = FileChannel.open(file, how, StandardOpenOption.WRITE);
            return new ResultsWriter(folder, j, c);
        } catch (IOException e) {
            closeQuietly(j);
            throw new ResultsException(ResultsException.Kind.CANT_CREATE, file + ": " + ResultsFiles.reason(e));
        }
    }

    /** Appends one trial to both files and forces them to the disk. */
    public void append(Sample sample) throws ResultsException {
        Map<String, Object> record = SampleFields.toMap(sample);
        long jsonlBefore = jsonlEnd;
        long csvBefore = csvEnd;
        try {
            write(jsonl, ResultsFiles.jsonLine(record) + "\n", false, ResultsFiles.JSONL);
            write(csv, ResultsFiles.csvRow(record) + "\n", true, ResultsFiles.CSV);
            force();
        } catch (ResultsException e) {
            cutBack(jsonlBefore, csvBefore);
            throw e;
        }
        appended++;
    }

    /** Trials appended by this writer. */
    public int appended() {
        return appended;
    }

    private void write(FileChannel channel, String line, boolean isCsv, String name) throws ResultsException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        long position = isCsv ? csvEnd : jsonlEnd;
        try {
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.IO, folder.resolve(name) + ": " + ResultsFiles.reason(e)
                    + "; stopped after " + appended + " trials of this run, every one of them kept (--resume "
                    + folder + " runs the rest)");
        }
        if (isCsv) {
            csvEnd = position;
        } else {
            jsonlEnd = position;
        }
    }

    private void force() throws ResultsException {
        try {
            jsonl.force(false);
            csv.force(false);
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.IO, folder + ": cannot sync the results files: "
                    + ResultsFiles.reason(e));
        }
    }

    /** After a failed write: both files back to the end of their last whole trial. */
    private void cutBack(long jsonlGood, long csvGood) {
        jsonlEnd = jsonlGood;
        csvEnd = csvGood;
        try {
            jsonl.truncate(jsonlGood);
            csv.truncate(csvGood);
            force();
        } catch (IOException | ResultsException ignored) {
            // Nothing more can be done here; the reader reports and ignores a torn last line.
        }
    }

    @Override
    public void close() {
        closeQuietly(jsonl);
        closeQuietly(csv);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing after the data was forced; nothing is lost
            }
        }
    }
}
