package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.ipc.Mode;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTest {
    private static Plan plan(Map<String, Object> settings) throws PlanException {
        return PlanParser.parse(settings, 1);
    }

    @Test
    void defaultPlanIsTheLabs() throws PlanException {
        Plan p = plan(Map.of());
        assertThat(p.modes()).containsExactly(Mode.ONE_THREAD, Mode.TWO_THREAD, Mode.TWO_PROC);
        assertThat(p.mechanisms()).containsExactly(Mechanisms.require("pipe"), Mechanisms.require("local"));
        assertThat(p.bufferSizes()).hasSize(16).startsWith(32).endsWith(1 << 20);
        // pipes run -s off only: 3 modes x (pipe 16 + local 2 x 16)
        assertThat(p.configurations()).hasSize(3 * 48);
        assertThat(p.trials()).isEqualTo(10);
        assertThat(p.minTimeMillis()).isEqualTo(50);
        assertThat(p.totalBytes()).isZero();
    }

    @Test
    void fdTableSplits1threadAnd2procOnly() throws PlanException {
        Plan p = plan(Map.of("fd-table", "private,shared", "ipc", "pipe", "buffers", "32,4k"));
        List<ConfigKey> keys = p.configurations();
        // 1thread and 2proc: 2 tables x 2 buffers; 2thread: 2 buffers, its table shared always.
        assertThat(keys).hasSize(2 * 2 + 2 + 2 * 2);
        assertThat(keys.stream().filter(k -> k.mode() == Mode.TWO_THREAD))
                .allSatisfy(k -> assertThat(k.fdTable()).isEqualTo("shared"))
                .noneMatch(ConfigKey::sharedFdTable);
        assertThat(keys.stream().filter(k -> k.mode() == Mode.TWO_PROC).map(ConfigKey::fdTable))
                .containsExactlyInAnyOrder("private", "private", "shared", "shared");
        assertThat(keys.stream().filter(ConfigKey::sharedFdTable).map(k -> k.toConfig(4096).sharedFdTable()))
                .containsOnly(true);
        assertThat(plan(Map.of()).sharedFdTables()).containsExactly(false);
        assertThatThrownBy(() -> plan(Map.of("fd-table", "global")))
                .hasMessage("--fd-table: 'global' is neither private nor shared");
    }

    /** Latency points take the message sizes, never -s, and are counted by PlanSize as they are made. */
    @Test
    void latencyPointsTakeTheMessageSizes() throws PlanException {
        Plan p = plan(Map.of("workload", "stream,latency", "mode", "2thread", "ipc", "pipe,local", "buffers", "4k",
                "message-sizes", "1,64,4k", "s", "off,on"));
        List<ConfigKey> keys = p.configurations();
        // stream: pipe 1 + local 2 (-s off, on); latency: 2 mechanisms x 3 sizes, -s off only
        assertThat(keys).hasSize(3 + 6);
        assertThat(keys.stream().filter(k -> k.workload().equals("latency")))
                .hasSize(6).noneMatch(ConfigKey::socketBuffers)
                .extracting(ConfigKey::bufferSizeBytes).containsOnly(1, 64, 4096);
        assertThat(PlanSize.configurations(p)).isEqualTo(keys.size());
        assertThat(keys.getFirst().workload()).isEqualTo("stream"); // the stream's points come first
        assertThat(keys.stream().filter(k -> k.workload().equals("latency")).findFirst().orElseThrow().variant())
                .isEqualTo("latency");
        assertThat(plan(Map.of()).workloads()).containsExactly("stream");
        assertThat(PlanParser.parse(PlanParser.toSettings(p), 1)).isEqualTo(p);
        assertThatThrownBy(() -> plan(Map.of("workload", "bandwidth")))
                .hasMessage("--workload: unknown workload 'bandwidth' (stream, latency)");
        assertThatThrownBy(() -> plan(Map.of("workload", "latency", "message-sizes", "0")))
                .hasMessageContaining("--message-sizes");
    }

    /** A latency pilot trial is sized in round trips, not bytes: a 1-byte message must not take a million. */
    @Test
    void latencyPilotsAreRoundTrips() throws PlanException {
        Plan p = plan(Map.of("workload", "latency", "message-sizes", "1,4k"));
        for (ConfigKey k : p.configurations()) {
            assertThat(p.pilotBytes(k) / k.bufferSizeBytes()).isEqualTo(Plan.PILOT_ROUNDS);
        }
    }

    @Test
    void ipcAllIsEveryMechanismOfTheRegistry() throws PlanException {
        assertThat(plan(Map.of("ipc", "all")).mechanisms()).containsExactlyElementsOf(Mechanisms.all())
                .contains(Mechanisms.require("tcp"), Mechanisms.require("fifo"));
    }

    /**
     * A mechanism carries what it can: eventfd the latency workload at 8 bytes only, a Unix
     * datagram a message within this machine's send buffer (net.core.wmem_default here, twice
     * -b with -s); the rest are left out of its rows, and counted by PlanSize as at most that.
     */
    @Test
    void aMechanismTakesOnlyTheSizesAndWorkloadsItCarries() throws PlanException {
        Plan p = plan(Map.of("workload", "stream,latency", "mode", "2thread", "ipc", "eventfd,local-dgram",
                "buffers", "4k,1m", "message-sizes", "8,64", "s", "off,on"));
        List<ConfigKey> keys = p.configurations();
        assertThat(keys.stream().filter(k -> k.mechanism().name().equals("eventfd")))
                .singleElement().satisfies(k -> {
                    assertThat(k.workload()).isEqualTo("latency");
                    assertThat(k.bufferSizeBytes()).isEqualTo(8);
                });
        // local-dgram: stream 4k -s off and on, 1m -s on only (1 MiB is over the default send
        // buffer's 212,960); latency 8 and 64
        assertThat(keys.stream().filter(k -> k.mechanism().name().equals("local-dgram"))
                .map(k -> k.workload() + " " + k.bufferSizeBytes() + " " + k.socketBuffers()))
                .containsExactlyInAnyOrder("stream 4096 false", "stream 4096 true", "stream 1048576 true",
                        "latency 8 false", "latency 64 false");
        assertThat(PlanSize.configurations(p)).isGreaterThanOrEqualTo(keys.size());
        // read elsewhere (a results folder), every size is kept, so all its trials fit the plan
        assertThat(p.configurations(false)).hasSize(keys.size() + 1);
        assertThatThrownBy(() -> plan(Map.of("ipc", "local-dgram", "buffers", "1m", "s", "off")).configurations())
                .hasMessageStartingWith("no plan point can run: -i local-dgram: a 1048576-byte message is larger than"
                        + " the send buffer allows");
        assertThatThrownBy(() -> plan(Map.of("ipc", "eventfd")).configurations())
                .hasMessageStartingWith("no plan point can run");
    }

    @Test
    void rangesAndLists() {
        assertThat(Sizes.parseItem("32..1M")).hasSize(16);
        assertThat(Sizes.parseItem("4k")).containsExactly(4096L);
        assertThat(Sizes.parse("1 MiB")).isEqualTo(1 << 20);
        assertThat(Sizes.format(32)).isEqualTo("32 B");
        assertThat(Sizes.format(4096)).isEqualTo("4 KiB");
        assertThat(Sizes.format(1 << 20)).isEqualTo("1 MiB");
        assertThatThrownBy(() -> Sizes.parseItem("3..64")).hasMessageContaining("powers of two");
        assertThatThrownBy(() -> Sizes.parseItem("64..32")).hasMessageContaining("larger");
    }

    @Test
    void bufferLargerThanTotalIsRefusedByName() {
        assertThatThrownBy(() -> plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k,64k", "total", "16k"))
                .configurations())
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("2thread pipe 64 KiB")
                .hasMessageContaining("larger than --total");
    }

    @Test
    void socketBuffersOnlyWithPipeIsRefused() {
        assertThatThrownBy(() -> plan(Map.of("ipc", "pipe", "s", "on")).configurations())
                .hasMessageContaining("pipe")
                .hasMessageContaining("-s on");
    }

    @Test
    void cpuNotOnlineIsRefused() {
        assertThatThrownBy(() -> plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k",
                "cpus", List.of("0,4096"))).configurations())
                .hasMessageContaining("CPU 4096 is not online");
    }

    @Test
    void totalReplacesMinTimeAndBothAreRefused() throws PlanException {
        assertThat(plan(Map.of("total", "1M")).totalBytes()).isEqualTo(1 << 20);
        assertThatThrownBy(() -> plan(Map.of("total", "1M", "min-time", "5")))
                .hasMessageContaining("not both");
    }

    @Test
    void minTimeSizing() throws PlanException {
        Plan p = plan(Map.of("min-time", "100"));
        // 1 GiB/s for 100 ms with a tenth to spare: 118111601 bytes, rounded up to 4 KiB blocks
        assertThat(p.minTimeBytes(4096, 1 << 30)).isEqualTo(118112256L);
        assertThat(p.minTimeBytes(4096, 1) % 4096).isZero();
        assertThat(p.pilotBytes(32)).isEqualTo(1 << 20);
        assertThat(p.pilotBytes(1 << 20)).isEqualTo(4L << 20);
        assertThat(plan(Map.of("min-time", "100", "warmup", "0")).warmupTrials()).isEqualTo(1);
    }

    @Test
    void settingsRoundTripThroughTheMetadata() throws PlanException {
        Plan p = plan(Map.of("mode", "2proc", "ipc", "local,tcp", "buffers", "32,4k..16k", "trials", "3",
                "seed", "99", "cpus", List.of("any", "0,1")));
        Plan back = PlanParser.parse(new HashMap<>(PlanParser.toSettings(p)), 5);
        assertThat(back).isEqualTo(p);
    }

    @Test
    void planFileYamlAndJson(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("mine.yaml");
        Files.writeString(yaml, "mode: [2thread]\nipc: pipe,local\nbuffers: 4k..16k\ntrials: 4\ntotal: 1M\n");
        Plan p = plan(PlanParser.readFile(yaml));
        assertThat(p.name()).isEqualTo("mine");
        assertThat(p.configurations()).hasSize(3 * 3);
        Path json = dir.resolve("j.json");
        Files.writeString(json, "{\"mode\": \"1thread\", \"buffers\": [\"32\", \"64\"], \"ipc\": [\"pipe\"]}");
        assertThat(plan(PlanParser.readFile(json)).configurations()).hasSize(2);
        Files.writeString(json, "{\"modes\": \"1thread\"}");
        assertThatThrownBy(() -> PlanParser.readFile(json)).hasMessageContaining("unknown setting 'modes'");
    }

    @Test
    void scheduleIsSeededAndInterleaved() throws PlanException {
        List<ConfigKey> keys = plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "32..4k")).configurations();
        var a = Schedule.blocks(keys, 1, 3, 42);
        var b = Schedule.blocks(keys, 1, 3, 42);
        var c = Schedule.blocks(keys, 1, 3, 43);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a).hasSize(4);
        assertThat(a.getFirst()).allMatch(Trial::warmup);
        for (var block : a) {
            // every block runs each configuration exactly once
            assertThat(block.stream().map(Trial::key).toList()).containsExactlyInAnyOrderElementsOf(keys);
        }
        assertThat(a.get(1)).allMatch(t -> !t.warmup() && t.iteration() == 0);
    }
}
