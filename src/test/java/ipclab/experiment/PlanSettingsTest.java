package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.ipc.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mechanism's own settings as plan keys: their levels multiply only the rows of the mechanisms that declare them. */
class PlanSettingsTest {
    private static Plan plan(Map<String, Object> settings) throws PlanException {
        return PlanParser.parse(settings, 1);
    }

    private static Plan issue13() throws PlanException {
        return plan(Map.of("ipc", "shm,pipe,eventfd", "workload", "latency", "mode", "2thread,2proc",
                "message-sizes", "8", "cpus", "0,1", "wait", "spin,futex"));
    }

    @Test
    void aSettingMultipliesOnlyTheMechanismsThatDeclareIt() throws PlanException {
        Plan p = issue13();
        List<ConfigKey> keys = p.configurations(false);
        // per mode: shm x 2 waits, pipe once, eventfd once
        assertThat(keys).hasSize(2 * (2 + 1 + 1));
        assertThat(PlanSize.configurations(p)).isEqualTo(keys.size());
        for (Mode mode : List.of(Mode.TWO_THREAD, Mode.TWO_PROC)) {
            assertThat(keys.stream().filter(k -> k.mode() == mode && k.mechanism().name().equals("shm"))
                    .map(k -> k.settings().value("wait"))).containsExactlyInAnyOrder("spin", "futex");
            assertThat(keys.stream().filter(k -> k.mode() == mode && !k.mechanism().name().equals("shm")))
                    .hasSize(2).allSatisfy(k -> assertThat(k.settings()).isEqualTo(Settings.NONE));
        }
        // the other settings of shm stay at their defaults, and reach the trial's configuration
        ConfigKey spin = keys.stream().filter(k -> k.settings().text().contains("wait=spin")).findFirst().orElseThrow();
        assertThat(spin.settings().text()).isEqualTo("ring-size=1048576;wait=spin");
        assertThat(spin.toConfig(8 * 1000).settings()).isEqualTo(spin.settings());
        assertThat(spin.series()).isEqualTo("2thread shm wait=spin");
        ConfigKey futex = keys.stream().filter(k -> k.settings().text().contains("wait=futex")).findFirst().orElseThrow();
        assertThat(futex.series()).isEqualTo("2thread shm"); // the default is left out, as a pipe size of 0 is
        assertThat(spin).isNotEqualTo(futex);
        assertThat(spin.compareTo(futex)).isNotZero(); // a TreeMap (the summary's) keeps them apart
    }

    @Test
    void severalSettingsOfOneMechanismMultiplyEachOther() throws PlanException {
        Plan p = plan(Map.of("ipc", "shm,mq,pipe", "workload", "latency", "mode", "2thread", "message-sizes", "64",
                "cpus", "0,1", "wait", "spin,yield,futex", "ring-size", "4k,64k", "mq-depth", "1,10"));
        List<ConfigKey> keys = p.configurations(false);
        // shm 3 x 2, mq 2, pipe 1
        assertThat(keys).hasSize(6 + 2 + 1);
        assertThat(PlanSize.configurations(p)).isEqualTo(9);
        assertThat(keys.stream().filter(k -> k.mechanism().name().equals("mq")).map(k -> k.settings().text()))
                .containsExactlyInAnyOrder("mq-depth=1", "mq-depth=10");
    }

    @Test
    void levelsAreNormalisedByTheSettingAndRoundTripThroughTheMetadata() throws PlanException {
        Plan p = plan(Map.of("ipc", "shm", "workload", "latency", "mode", "2thread", "message-sizes", "8",
                "ring-size", List.of("4K", "4096", "8k"), "wait", List.of("futex")));
        assertThat(p.settings()).containsEntry("ring-size", List.of("4096", "8192")).containsEntry("wait",
                List.of("futex"));
        assertThat(p.configurations(false)).hasSize(2);
        Map<String, Object> saved = PlanParser.toSettings(p);
        assertThat(saved).containsEntry("ring-size", List.of("4096", "8192"));
        assertThat(PlanParser.parse(saved, 1)).isEqualTo(p);
        // a plan without settings records none, and reads back with none (folders from before them)
        Plan none = plan(Map.of("ipc", "pipe"));
        assertThat(none.settings()).isEmpty();
        assertThat(PlanParser.toSettings(none)).doesNotContainKeys("wait", "ring-size", "mq-depth");
    }

    @Test
    void badLevelsAndSettingsNoSweptMechanismDeclaresAreRefusedByName() throws PlanException {
        assertThatThrownBy(() -> plan(Map.of("ipc", "shm", "wait", "spinny")))
                .isInstanceOf(PlanException.class).hasMessage("--wait is one of spin, yield, futex, not 'spinny'");
        assertThatThrownBy(() -> plan(Map.of("ipc", "shm", "ring-size", "3")))
                .hasMessage("--ring-size must be 4096..1073741824, not 3");
        assertThatThrownBy(() -> plan(Map.of("ipc", "splice", "splice-receiver", "maybe")))
                .hasMessage("--splice-receiver is true or false, not 'maybe'");
        assertThatThrownBy(() -> plan(Map.of("ipc", "shm", "wait", List.of())))
                .hasMessage("--wait is empty");
        Plan wrong = plan(Map.of("ipc", "pipe,eventfd", "workload", "latency", "wait", "spin"));
        assertThatThrownBy(() -> wrong.configurations(false)).isInstanceOf(PlanException.class)
                .hasMessage("--wait applies to -i shm, none of --ipc pipe,eventfd: add shm to --ipc, or drop --wait");
        // a level the mechanism refuses at a point is refused by the point's name
        Plan oneCpu = plan(Map.of("ipc", "shm", "workload", "latency", "mode", "2thread", "message-sizes", "8",
                "cpus", "0", "wait", "spin"));
        assertThatThrownBy(() -> oneCpu.configurations(false)).isInstanceOf(PlanException.class)
                .hasMessageStartingWith("plan point 2thread shm 8 B -s off --wait spin: --wait spin with both ends on CPU 0");
    }

    @Test
    void aPlanFileTakesTheSettingsAsListKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shm-waits.yaml");
        Files.writeString(file, "ipc: [shm, pipe]\nworkload: latency\nmode: 2thread\nmessage-sizes: 8\n"
                + "cpus: ['0,1']\nwait: [spin, futex]\n");
        Plan p = plan(PlanParser.readFile(file));
        assertThat(p.settings()).containsEntry("wait", List.of("spin", "futex"));
        assertThat(p.configurations(false)).hasSize(3);
        Files.writeString(file, "ipc: shm\nwaits: [spin]\n");
        assertThatThrownBy(() -> PlanParser.readFile(file)).hasMessageContaining("unknown setting 'waits'")
                .hasMessageContaining("wait");
    }

    @Test
    void everySettingIsAPlanKeyAndNoneShadowsOne() {
        for (String name : Settings.owners().keySet()) {
            assertThat(PlanParser.KEYS).contains(name);
        }
        assertThat(Settings.owners()).containsKeys("wait", "ring-size", "mq-depth", "splice-receiver");
        assertThat(Settings.owners().get("wait")).containsExactly(Mechanisms.require("shm"));
    }

    /** A folder of shm spin and futex trials reads back as two configurations, not one. */
    @Test
    void resultsKeepTheSettingsApart(@TempDir Path dir) throws Exception {
        Plan p = plan(Map.of("ipc", "shm,pipe", "mode", "2thread", "buffers", "4k", "wait", "spin,futex",
                "trials", "3", "total", "1M"));
        Path folder = Fixtures.write(dir.resolve("r"), p);
        Results r = ResultsReader.read(folder);
        assertThat(r.plan()).isEqualTo(p);
        assertThat(r.trials().stream().map(t -> t.key().settings().text()).distinct())
                .containsExactlyInAnyOrder("", "ring-size=1048576;wait=spin", "ring-size=1048576;wait=futex");
        assertThat(Files.readString(folder.resolve(ResultsFiles.JSONL))).contains("\"ipc_settings\":\"ring-size=1048576;wait=spin\"");
        assertThat(ResultsReader.repair(folder).trials()).hasSize(r.trials().size());
    }
}
