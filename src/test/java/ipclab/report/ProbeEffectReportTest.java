package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.probe.RatioEstimate;
import ipclab.experiment.probe.TracerComparison;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeEffectReportTest {
    @TempDir
    Path dir;

    private static TracerComparison row(String tracer, double[] untraced, double[] traced) {
        return new TracerComparison(tracer, "kib_per_sec", java.util.Arrays.stream(untraced).boxed().toList(),
                java.util.Arrays.stream(traced).boxed().toList(), RatioEstimate.of(untraced, traced), 0.4, 256, 256,
                null);
    }

    @Test
    void pageHasTheChartEmbeddedAndOneRowPerTracer() throws Exception {
        double[] plain = {100, 102, 98, 101, 99, 100};
        List<TracerComparison> rows = List.of(
                row("bpftrace-idle", plain, new double[] {99, 101, 98, 100, 100, 99}),
                row("bpftrace", plain, new double[] {50, 52, 49, 51, 48, 50}),
                row("strace", plain, new double[] {2, 2, 3, 2, 2, 2}));
        Path page = ProbeEffectReport.write(dir, "2thread pipe, buffer 4096 B", rows);
        String html = Files.readString(page);

        assertThat(html).doesNotContain("http://").doesNotContain("https://");
        Matcher img = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
        assertThat(img.find()).isTrue();
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
        assertThat(chart.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(chart.getHeight()).isEqualTo(Charts.HEIGHT);
        assertThat(Files.readString(dir.resolve(ProbeEffectReport.SVG))).contains("<svg");

        assertThat(Pattern.compile("<tr><td>").matcher(html).results().count()).isEqualTo(3);
        // bpftrace's median ratio: the pairs' ratios are 0.50, 0.51, 0.50, 0.50, 0.48, 0.50.
        assertThat(html).contains("<td>bpftrace</td><td>6</td><td>0.1</td><td>0.0</td><td>0.500</td>");
        assertThat(html).contains("<td>strace</td>");
    }
}
