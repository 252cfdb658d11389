package ipclab.trace;

import ipclab.run.Participants;
import ipclab.sys.CallState;
import ipclab.sys.Io;
import ipclab.trace.TracerException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The user's own bpftrace script, given the benchmark's pid as $1 (and, as ipclab's scripts, the
 * receiver's and sender's tids as $2 and $3, the 2proc child's pid or 0 as $4). Its output is
 * kept as text.
 *
 * <p>Attachment: bpftrace allows one BEGIN block, which the script may have, so ipclab appends a
 * probe of its own after the user's probes, on {@code lseek(-1, ATTACH, 0)} from this process,
 * and makes that call every 20 ms until the probe prints its marker. bpftrace attaches probes in
 * the order they are written, so once the last one fires, the user's are attached. The user's
 * text is copied to a temporary file unchanged; nothing of it reaches a command line.
 */
public final class ScriptTracer extends Tracer {
    /** The offset of the attach-probe's lseek: "ipclab" and 0x0a. */
    static final long ATTACH = 0x6970636c6162000aL;

    private final Path bpftrace;
    private final Path userScript;
    private final String text;
    private final CallState callState = new CallState();
    private Path dir;

    public ScriptTracer(Path userScript, Duration attachTimeout) throws TracerException {
        super(attachTimeout);
        this.userScript = userScript;
        if (!Files.isRegularFile(userScript) || !Files.isReadable(userScript)) {
            throw new TracerException(Kind.SCRIPT, "--script " + userScript + ": no such readable file");
        }
        try {
            text = Files.readString(userScript);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TracerException(Kind.SCRIPT, "--script " + userScript + ": cannot be read: " + e.getMessage());
        }
        this.bpftrace = Tools.require("bpftrace", "bpftrace");
        Tools.requireRoot("bpftrace");
        Tools.requireTracefs();
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    protected String toolName() {
        return "bpftrace";
    }

    @Override
    protected TracerException explain(TracerException e) {
        return dir == null ? e : new TracerException(e.kind(),
                e.getMessage().replace(dir.resolve(userScript.getFileName().toString()).toString(),
                        userScript.toString()));
    }

    @Override
    protected List<String> command(Participants p) throws TracerException {
        Path file;
        try {
            dir = Files.createTempDirectory("ipclab-script-");
            file = dir.resolve(userScript.getFileName().toString());
            Files.writeString(file, text + "\n\ntracepoint:syscalls:sys_enter_lseek /pid == $1 && args->offset == "
                    + "0x" + Long.toHexString(ATTACH) + "/ { printf(\"" + BpftraceTracer.ATTACHED_MARKER + "\\n\"); }\n");
        } catch (IOException e) {
            throw new TracerException(Kind.FAILED, "cannot write the script's copy: " + e.getMessage());
        }
        return List.of(bpftrace.toString(), file.toString(), Integer.toString(p.pid()),
                Integer.toString(p.receiverTid()), Integer.toString(p.senderTid()),
                Integer.toString(Math.max(p.childPid(), 0)));
    }

    @Override
    protected void poke() {
        Io.lseek(callState, -1, ATTACH, 0);
    }

    @Override
    protected boolean isAttachedLine(String line) {
        return line.equals(BpftraceTracer.ATTACHED_MARKER);
    }

    @Override
    protected Kind earlyExitKind() {
        return Kind.SCRIPT;
    }

    @Override
    protected TraceData parse(List<String> stdout, List<String> stderr, Participants p) {
        StringBuilder out = new StringBuilder();
        for (String line : stdout) {
            if (!line.equals(BpftraceTracer.ATTACHED_MARKER)) {
                out.append(line).append('\n');
            }
        }
        for (String line : stderr) {
            out.append(line).append('\n');
        }
        return new TraceData(name(), "the script " + userScript + ", from attachment to the end of the run",
                0, Map.of(), List.of(), Map.of(), out.toString());
    }

    @Override
    protected void cleanUp() {
        deleteTemporary(dir);
    }
}
