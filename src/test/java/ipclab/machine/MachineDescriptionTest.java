package ipclab.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** describe's facts read from a canned machine (src/test/resources/machine/root) and from nothing. */
class MachineDescriptionTest {
    static Map<String, Map<String, Object>> canned() throws Exception {
        Path root = Path.of(MachineDescriptionTest.class.getResource("/machine/root").toURI());
        return new MachineDescription(new SysFiles(root), () -> 65536).describe();
    }

    @Test
    void readsTheHardware() throws Exception {
        Map<String, Object> hw = canned().get("hardware");
        assertThat(hw.get("cpu_model")).isEqualTo("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz");
        assertThat(hw.get("online_cpus")).isEqualTo("0-3,6");
        assertThat(hw.get("online_cpu_count")).isEqualTo(5L);
        assertThat(hw.get("memory_bytes")).isEqualTo(8039364L * 1024);
        assertThat(hw.get("page_size_bytes")).isEqualTo(4096L);
        assertThat(hw.get("caches")).isEqualTo(Map.of("L1d_bytes", 32768L, "L1i_bytes", 32768L,
                "L2_bytes", 1048576L, "L3_bytes", 27L * 1024 * 1024));
    }

    @Test
    void readsTheOs() throws Exception {
        Map<String, Object> os = canned().get("os");
        assertThat(os.get("kernel_release")).isEqualTo("6.1.0-18-amd64");
        assertThat(os.get("distribution")).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(os.get("hostname")).isEqualTo("labhost");
        assertThat(os.get("clocksource")).isEqualTo("tsc");
        assertThat(os.get("cpufreq_governor")).isEqualTo("not visible");
        assertThat(os.get("virtualization")).isEqualTo("hypervisor (QEMU Standard PC (Q35 + ICH9, 2009))");
    }

    @Test
    void readsTheIpcLimitsAndSaysUnknownForAMissingFile() throws Exception {
        Map<String, Object> ipc = canned().get("ipc_limits");
        assertThat(ipc.get("pipe_max_size_bytes")).isEqualTo(1048576L);
        assertThat(ipc.get("pipe_default_capacity_bytes")).isEqualTo(65536L);
        assertThat(ipc.get("net_core_rmem_default_bytes")).isEqualTo(212992L);
        assertThat(ipc.get("net_core_wmem_max_bytes")).isEqualTo("unknown");
        assertThat(ipc.get("net_unix_max_dgram_qlen")).isEqualTo(512L);
        assertThat(ipc.get("tcp_rmem_bytes")).isEqualTo(List.of(4096L, 131072L, 6291456L));
        assertThat(ipc.get("loopback_mtu_bytes")).isEqualTo(65536L);
        assertThat(ipc.get("tcp_congestion_control")).isEqualTo("cubic");
    }

    @Test
    void anEmptyMachineIsAllUnknownNeverAnError(@TempDir Path empty) {
        var d = new MachineDescription(new SysFiles(empty), () -> -1).describe();
        assertThat(d).containsOnlyKeys("hardware", "os", "ipc_limits");
        assertThat(d.get("hardware").values()).containsOnly("unknown");
        assertThat(d.get("ipc_limits").values()).containsOnly("unknown");
        assertThat(d.get("os").get("kernel_release")).isEqualTo("unknown");
        assertThat(d.get("os").get("virtualization")).isEqualTo("unknown");
    }

    @Test
    void theJvmSectionNamesVendorVersionGcAndHeap() {
        Map<String, Object> jvm = JvmDescription.current();
        assertThat(jvm).containsKeys("vendor", "version", "vm", "gc", "max_heap_bytes", "flags");
        assertThat(jvm.get("version")).isEqualTo(Runtime.version().toString());
    }
}
