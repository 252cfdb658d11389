package ipclab.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcParsersTest {
    @Test
    void kibFieldsBecomeBytes() {
        assertThat(ProcParsers.kibField("MemTotal:        8039364 kB\n", "MemTotal")).contains(8039364L * 1024);
        assertThat(ProcParsers.kibField("Threads:\t12\n", "Threads")).contains(12L);
        assertThat(ProcParsers.kibField("MemTotal: lots kB\n", "MemTotal")).isEmpty();
        assertThat(ProcParsers.kibField("", "MemTotal")).isEmpty();
    }

    @Test
    void cacheSizesHaveUnits() {
        assertThat(ProcParsers.cacheSize("48K")).contains(49152L);
        assertThat(ProcParsers.cacheSize("32M")).contains(32L << 20);
        assertThat(ProcParsers.cacheSize("512")).contains(512L);
        assertThat(ProcParsers.cacheSize("big")).isEmpty();
    }

    @Test
    void cpuinfoFieldsAndFlags() {
        String cpuinfo = "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 hypervisor\n";
        assertThat(ProcParsers.cpuinfoField(cpuinfo, "model name")).contains("AMD EPYC");
        assertThat(ProcParsers.cpuinfoHasFlag(cpuinfo, "hypervisor")).isTrue();
        assertThat(ProcParsers.cpuinfoHasFlag(cpuinfo, "hyper")).isFalse();
    }

    @Test
    void osReleaseUnquotes() {
        assertThat(ProcParsers.osReleaseField("NAME=x\nPRETTY_NAME=\"Ubuntu 24.04 LTS\"\n", "PRETTY_NAME"))
                .contains("Ubuntu 24.04 LTS");
        assertThat(ProcParsers.osReleaseField("ID=arch\n", "PRETTY_NAME")).isEmpty();
    }

    @Test
    void numberLists() {
        assertThat(ProcParsers.longs("4096\t131072\t6291456")).contains(List.of(4096L, 131072L, 6291456L));
        assertThat(ProcParsers.longs("4096 x")).isEqualTo(Optional.empty());
        assertThat(ProcParsers.longValue(" 65536\n")).contains(65536L);
    }
}
