package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.ResultsFiles;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep on a pseudo-terminal 80 columns wide (util-linux script(1) makes the pty; stty
 * sets its size): no progress line is wider than the terminal, and Ctrl-C (typed, as the byte
 * the terminal turns into SIGINT) ends the line and says how to finish.
 */
class SweepTerminalIT {
    private static final int COLUMNS = 80;

    @TempDir
    Path work;

    private Process onTerminal(Path typescript, String... sweepArgs) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) (util-linux)");
        String command = "stty cols " + COLUMNS + " rows 24; exec bin/ipclab sweep " + String.join(" ", sweepArgs);
        return new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectOutput(typescript.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** What the terminal showed between carriage returns and newlines. */
    private static List<String> segments(String typescript) {
        return Arrays.asList(typescript.split("[\r\n]"));
    }

    @Test
    void noProgressLineIsWiderThanTheTerminal() throws Exception {
        Path typescript = work.resolve("typescript");
        Process p = onTerminal(typescript, "--mode", "2thread", "--ipc", "pipe,local", "--buffers", "4k..64k",
                "--trials", "2", "--warmup", "1", "--total", "256k", "--no-report", "--out", work.resolve("r").toString());
        p.getOutputStream().close();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String shown = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(shown).isZero();
        List<String> bars = segments(shown).stream().filter(s -> s.contains(" ETA ")).toList();
        // 45 trials, one redraw each
        assertThat(bars).hasSize(45);
        assertThat(bars).allSatisfy(b -> assertThat(b.length()).isLessThan(COLUMNS));
        assertThat(bars.getLast()).startsWith("[" + "#".repeat(30) + "] 45/45 100%");
        // the compact summary fits too
        String summary = shown.substring(shown.indexOf("median MiB/s of"), shown.indexOf("summary: "));
        assertThat(segments(summary)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void ctrlCEndsTheLineAndSaysHowToFinish() throws Exception {
        Path typescript = work.resolve("typescript");
        Path out = work.resolve("r");
        Process p = onTerminal(typescript, "--mode", "2thread,2proc", "--ipc", "pipe,local", "--buffers", "4k,64k",
                "--trials", "200", "--warmup", "1", "--total", "256k", "--no-report", "--out", out.toString());
        Path folder = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (folder == null && Files.isDirectory(out)) {
                try (var dirs = Files.list(out)) {
                    folder = dirs.findFirst().orElse(null);
                }
            }
            if (folder != null && Files.exists(folder.resolve(ResultsFiles.JSONL))
                    && Files.readAllLines(folder.resolve(ResultsFiles.JSONL)).size() >= 5) {
                break;
            }
            assertThat(p.isAlive()).as("the sweep ended early: %s", Files.readString(typescript)).isTrue();
            Thread.sleep(20);
        }
        OutputStream keyboard = p.getOutputStream();
        keyboard.write(3); // Ctrl-C: the terminal sends SIGINT to the sweep
        keyboard.flush();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String shown = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(shown).isEqualTo(130);
        Matcher m = Pattern.compile("\r?\nsweep interrupted: (\\d+) of (\\d+) trials saved; finish with: "
                + "bin/ipclab sweep --resume (\\S+)\r?\n").matcher(shown);
        assertThat(m.find()).as(shown).isTrue();
        int saved = Integer.parseInt(m.group(1));
        // modes x (pipe, local -s off/on) x buffers x (trials + warm-up): 2,412, some 20 to 40 s of
        // sweep, so that it cannot end before the Ctrl-C lands (252 once did, in 4.2 s, on a busy machine)
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(2 * 3 * 2 * 201);
        assertThat(m.group(3)).isEqualTo(folder.toString());
        // the line before the message was the bar, ended with a newline (the ^C the terminal echoes may follow it)
        String before = shown.substring(0, m.start());
        assertThat(before.substring(before.lastIndexOf('\r') + 1)).contains(" ETA ");
        assertThat(Files.readAllLines(folder.resolve(ResultsFiles.JSONL)).size()).isGreaterThanOrEqualTo(saved);
        assertThat(saved).isGreaterThanOrEqualTo(5);
    }
}
