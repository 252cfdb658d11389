package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.ConfigKey;
import ipclab.experiment.Stats;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PNG and the SVG of a chart are encoded in parallel, so each encoder gets its own copy of the
 * chart: XChart is not safe to paint from two threads at once (it lays the axes out while painting).
 * The copies must be two objects, and equal: the same SVG, and the same colours across charts.
 */
class ChartsCopiesTest {
    @Test
    void eachEncoderPaintsItsOwnEqualCopy() throws Exception {
        List<Summary> s = new ArrayList<>();
        for (String ipc : List.of("pipe", "local", "tcp")) {
            for (Mode mode : List.of(Mode.ONE_THREAD, Mode.TWO_THREAD)) {
                for (int size : new int[] {1024, 4096, 16384}) {
                    ConfigKey key = new ConfigKey(mode, Mechanisms.require(ipc), size, false, 0, List.of());
                    double v = size * (mode == Mode.ONE_THREAD ? 2.0 : 1.0);
                    s.add(new Summary("folder", key, 1 << 20, 0, Stats.of(new double[] {v * 0.99, v, v * 1.01}), 0));
                }
            }
        }
        List<Charts.Drawing> drawn = Charts.drawings(s, List.of());
        assertThat(drawn).hasSize(3);
        for (Charts.Drawing d : drawn) {
            assertThat(d.forPng()).isNotSameAs(d.forSvg());
            assertThat(d.forPng().getSeriesMap().keySet()).isEqualTo(d.forSvg().getSeriesMap().keySet());
            assertThat(new String(Charts.svg(d.forPng()))).isEqualTo(new String(Charts.svg(d.forSvg())));
        }
        // render, encoding in parallel, gives what each copy gives alone, chart by chart
        List<Charts.Chart> charts = Charts.render(s);
        for (int i = 0; i < drawn.size(); i++) {
            assertThat(charts.get(i).title()).isEqualTo(drawn.get(i).title());
            assertThat(charts.get(i).fileStem()).isEqualTo(drawn.get(i).fileStem());
            assertThat(new String(charts.get(i).svg())).isEqualTo(new String(Charts.svg(drawn.get(i).forSvg())));
            assertThat(charts.get(i).png()).isNotEmpty();
        }
    }
}
