package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real sweep with --label: metadata.json keeps it, and the report names the folder by it, not its timestamp. */
class SweepLabelIT {
    @TempDir
    Path dir;

    @Test
    void labelReplacesTheFolderNameInTheReport() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("sweep", "--label", "before the fix", "--mode", "2thread", "--ipc",
                "pipe", "--buffers", "4k", "--trials", "2", "--warmup", "0", "--total", "256k", "--out",
                dir.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Path folder;
        try (Stream<Path> s = Files.list(dir)) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(Files.readString(folder.resolve("metadata.json"))).contains("\"label\" : \"before the fix\"");
        IpclabProcess.Result report = IpclabProcess.run("report", folder.toString(), "--out",
                dir.resolve("report").toString());
        assertThat(report.code()).as(report.out() + report.err()).isZero();
        String html = Files.readString(dir.resolve("report").resolve("report.html"));
        assertThat(html).contains("<h2>before the fix</h2>").doesNotContain("<h2>" + folder.getFileName() + "</h2>");
    }
}
