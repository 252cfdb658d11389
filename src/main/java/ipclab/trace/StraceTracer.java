package ipclab.trace;

import ipclab.run.Participants;
import ipclab.trace.TracerException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * strace attached (ptrace) to the benchmark threads by tid, the 2proc child's sender included:
 * {@code -C} (every call, then -c's summary), {@code -T} (time in each call), {@code -s 0} (no
 * buffer contents), to a temporary file. Attached once it has said "Process N attached" for
 * each thread. Its calls are counted between each thread's region markers, which strace sees as
 * lseek calls like any other.
 */
public final class StraceTracer extends Tracer {
    private final Path strace;
    private Path outFile;

    public StraceTracer(Duration attachTimeout) throws TracerException {
        super(attachTimeout);
        this.strace = Tools.require("strace", "strace");
        Tools.requireRoot("strace");
    }

    @Override
    public String name() {
        return "strace";
    }

    @Override
    protected List<String> command(Participants p) throws TracerException {
        try {
            outFile = Files.createTempFile("ipclab-strace-", ".txt");
        } catch (IOException e) {
            throw new TracerException(Kind.FAILED, "cannot make strace's output file: " + e.getMessage());
        }
        List<String> cmd = new ArrayList<>(List.of(strace.toString(), "-C", "-T", "-s", "0", "-o", outFile.toString()));
        for (int tid : p.threadIds()) {
            cmd.add("-p");
            cmd.add(Integer.toString(tid));
        }
        return cmd;
    }

    @Override
    protected boolean isAttachedLine(String line) {
        return line.contains("strace: Process ") && line.endsWith(" attached");
    }

    @Override
    protected int attachedLines(Participants p) {
        return p.threadIds().size();
    }

    @Override
    protected boolean endsWithTargets() {
        return true;
    }

    @Override
    protected TraceData parse(List<String> stdout, List<String> stderr, Participants p) throws TracerException {
        List<String> lines;
        try {
            lines = Files.readAllLines(outFile);
            keepRaw("output", lines);
        } catch (IOException e) {
            throw new TracerException(Kind.FAILED, "cannot read strace's output: " + e.getMessage());
        }
        int single = p.threadIds().size() == 1 ? p.receiverTid() : -1;
        StraceOutput o = StraceOutput.parse(lines, single);
        return new TraceData(name(), "system calls of the benchmark threads between their region markers "
                + "(the summary table covers the whole attachment)", 0, o.syscalls(), List.of(), Map.of(),
                o.summary());
    }

    @Override
    protected void cleanUp() {
        if (outFile != null) {
            try {
                Files.deleteIfExists(outFile);
            } catch (IOException e) {
                // a temporary file left behind does no harm
            }
        }
    }
}
