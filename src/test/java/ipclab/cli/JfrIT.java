package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --jfr records a run event per sample; --jfr-calls adds an event per read and write, 2proc's
 * child's writes in a file of their own.
 */
class JfrIT {
    static List<RecordedEvent> events(Path file, String name) throws Exception {
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Test
    void runEventsOnePerSample(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jfr");
        CliRunner r = CliRunner.run("-B", "-n", "2", "-b", "4k", "-t", "64k", "--jfr", file.toString(), "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        List<RecordedEvent> runs = events(file, "ipclab.Run");
        assertThat(runs).hasSize(2);
        assertThat(runs).extracting(e -> e.getInt("iteration")).containsExactlyInAnyOrder(0, 1);
        RecordedEvent run = runs.getFirst();
        assertThat(run.getString("mode")).isEqualTo("2thread");
        assertThat(run.getString("ipc")).isEqualTo("pipe");
        assertThat(run.getLong("bytes")).isEqualTo(65536);
        assertThat(run.getDouble("kibPerSec")).isPositive();
        assertThat(events(file, "ipclab.Read")).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void callEventsOnePerReadAndWrite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.jfr");
        CliRunner r = CliRunner.run("-B", "-j", "-b", "4k", "-t", "64k", "--jfr", file.toString(), "--jfr-calls",
                "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        var doc = ipclab.report.Schemas.MAPPER.readTree(r.out());
        assertThat(doc.at("/samples/0/tracer").asText()).isEqualTo("jfr-calls");
        List<RecordedEvent> writes = events(file, "ipclab.Write");
        assertThat(writes).hasSize(doc.at("/samples/0/writes").asInt());
        assertThat(writes).allSatisfy(e -> assertThat(e.getLong("requestedBytes")).isEqualTo(4096));
        assertThat(events(file, "ipclab.Read")).hasSize(doc.at("/samples/0/reads").asInt());
    }

    @Test
    void theChildsWritesAreInTheSenderFileIn2proc(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("proc.jfr");
        Path sender = dir.resolve("proc-sender.jfr");
        CliRunner r = CliRunner.run("-B", "-n", "2", "-b", "4k", "-t", "64k", "--jfr", file.toString(), "--jfr-calls",
                "2proc");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(events(file, "ipclab.Run")).hasSize(2);
        assertThat(events(file, "ipclab.Read")).isNotEmpty();
        assertThat(events(sender, "ipclab.Write")).hasSize(2 * 16);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(file, sender);
        }
    }
}
