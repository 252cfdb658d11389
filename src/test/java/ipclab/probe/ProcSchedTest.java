package ipclab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcSchedTest {
    @Test
    void readsMigrationsFromACannedSchedFile() throws Exception {
        try (InputStream in = ProcSchedTest.class.getResourceAsStream("/proc/sched")) {
            assertThat(ProcSched.migrations(new String(in.readAllBytes(), StandardCharsets.US_ASCII))).isEqualTo(17);
        }
    }

    @Test
    void absentOrGarbledIsMinusOne() {
        assertThat(ProcSched.migrations("nr_switches : 3\n")).isEqualTo(-1);
        assertThat(ProcSched.migrations("se.nr_migrations : many\n")).isEqualTo(-1);
        assertThat(ProcSched.migrations("")).isEqualTo(-1);
    }

    @Test
    void thisThreadsMigrationsAreKnownOrMinusOne() {
        assertThat(ProcSched.migrationsOfThisThread()).isGreaterThanOrEqualTo(-1);
    }
}
