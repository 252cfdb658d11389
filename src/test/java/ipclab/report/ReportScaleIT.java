package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.Plan;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report of a 10,080-trial results folder (the default plan's 144 configurations, 70 trials
 * each): read, summarised, charted and written. The time is measured and written to
 * target/report-scale.txt, not asserted (the machine is shared); the target is under 5 s.
 */
class ReportScaleIT {
    @Test
    void tenThousandTrials() throws Exception {
        Plan plan = Fixtures.plan(Map.of("trials", "70", "warmup", "0", "total", "1M"));
        // kept under target/ so that the command line can be timed on it too: bin/ipclab report target/scale-results
        Path folder = Fixtures.writeFast(Path.of("target", "scale-results"), plan);
        long start = System.nanoTime();
        Results results = ResultsReader.read(folder);
        Path html = HtmlReport.write(List.of(results), folder);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(results.trials()).hasSize(10_080);
        assertThat(Files.readString(html)).contains("tr class=\"config");
        String line = String.format(Locale.ROOT, "report of %d trials (%d configurations): %.2f s%n",
                results.trials().size(), results.configurations().size(), seconds);
        Files.writeString(Path.of("target", "report-scale.txt"), line);
        System.out.print(line);
    }
}
