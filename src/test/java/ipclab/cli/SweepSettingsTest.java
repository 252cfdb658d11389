package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mechanisms' own settings as sweep options: one line and exit 64 for a bad one, nothing run. */
class SweepSettingsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "--ipc shm --wait spinny                   | ipclab: --wait is one of spin, yield, futex, not 'spinny'",
        "--ipc shm,pipe --ring-size 3              | ipclab: --ring-size must be 4096..1073741824, not 3",
        "--ipc mq --mq-depth x                     | ipclab: --mq-depth: 'x' is not a whole number",
        "--ipc splice --splice-receiver maybe      | ipclab: --splice-receiver is true or false, not 'maybe'",
        "--ipc pipe,eventfd --wait spin            | ipclab: --wait applies to -i shm, none of --ipc pipe,eventfd: add shm to --ipc, or drop --wait",
        "--ipc pipe --mq-depth 4                   | ipclab: --mq-depth applies to -i mq, none of --ipc pipe: add mq to --ipc, or drop --mq-depth",
        "--ipc shm --wait spin --cpus 0 --mode 2thread | ipclab: plan point 2thread shm 1 B -s off --wait spin: --wait spin with both ends on CPU 0",
    })
    void badSettingsAreOneLineAndExit64(String line, String message) {
        Path out = dir.resolve("results");
        String[] args = ("sweep --workload latency " + line.strip() + " --out " + out).split("\\s+");
        CliRunner r = CliRunner.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith(message);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBadSettingInAPlanFileIsADataError() throws Exception {
        Path plan = dir.resolve("p.yaml");
        Files.writeString(plan, "ipc: [shm]\nworkload: latency\nwait: [spin, sleepy]\n");
        CliRunner r = CliRunner.run("sweep", "--plan", plan.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err().strip()).isEqualTo("ipclab: --wait is one of spin, yield, futex, not 'sleepy'");
    }

    @Test
    void theHelpListsEverySettingWithTheMechanismsItMultiplies() {
        String help = CliRunner.run("sweep", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("--wait=spin|yield|futex,...", "(-i shm only, whose rows it multiplies; default: futex)",
                "--ring-size=N,...", "--mq-depth=N,...", "--splice-receiver=LIST");
    }

    @Test
    void resumeRefusesASettingToo() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        CliRunner r = CliRunner.run("sweep", "--resume", folder.toString(), "--wait", "spin");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("ipclab: --resume takes the plan and seed from").contains("give no plan options");
    }

    /** compare --factor ipc-settings pairs shm's levels block by block; pipe, with none, is no pair. */
    @Test
    void compareTakesTheSettingsAsAFactor() throws Exception {
        var plan = Fixtures.plan(Map.of("mode", "2thread", "ipc", "shm,pipe", "buffers", "4k", "trials", "8",
                "total", "1M", "wait", "spin,futex"));
        Path f = Fixtures.write(dir.resolve("f"), plan);
        java.util.Random random = new java.util.Random(3);
        Fixtures.rewrite(f, record -> {
            double speed = String.valueOf(record.get("ipc_settings")).contains("wait=spin") ? 1.5 : 1.0;
            speed *= 1 + 0.02 * (random.nextDouble() - 0.5);
            long elapsed = Math.round(((Number) record.get("elapsed_ns")).longValue() / speed);
            long bytes = ((Number) record.get("bytes")).longValue();
            record.put("elapsed_ns", elapsed);
            record.put("seconds", elapsed / 1e9);
            record.put("kib_per_sec", ipclab.model.Blocks.kibPerSec(bytes, elapsed));
        });
        CliRunner r = CliRunner.run("compare", "--factor", "ipc-settings", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("factor ipc-settings in ")
                .contains("| 2thread shm 4 KiB -s off | ring-size=1048576;wait=futex | ring-size=1048576;wait=spin | 8 |",
                        "B faster in 1,", "Holm's method over the 1");
        assertThat(r.out().lines().filter(l -> l.startsWith("| 2thread"))).hasSize(1);
        // the summary keeps the levels apart, and names them
        CliRunner csv = CliRunner.run("report", "--format", "csv", f.toString());
        assertThat(csv.out()).contains(",ipc_settings,", ",shm,4096,false,0,,shared,ring-size=1048576;wait=spin,",
                ",shm,4096,false,0,,shared,ring-size=1048576;wait=futex,");
        CliRunner md = CliRunner.run("report", "--format", "markdown", f.toString());
        assertThat(md.out()).contains("### 2thread shm, -s off", "### 2thread shm wait=spin, -s off",
                "### 2thread pipe, -s off");
    }
}
