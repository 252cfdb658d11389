package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bin/ipclab check} on this machine, as a user runs it: one OK or WARN line per check, exit 0. */
class CheckIT {
    private static final List<String> NAMES = List.of("load", "runnable", "processes", "frequency", "smt",
            "virtualization", "clocksource", "thp");

    @Test
    void textHasOneLinePerCheckAndExitsZero() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("check");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("ipclab check: ");
        List<String> checks = lines.subList(1, lines.size() - 1);
        assertThat(checks).hasSize(NAMES.size());
        for (int i = 0; i < NAMES.size(); i++) {
            assertThat(checks.get(i)).matches("(OK  |WARN)  " + NAMES.get(i) + ": .+");
        }
        long warnings = checks.stream().filter(l -> l.startsWith("WARN")).count();
        assertThat(lines.getLast()).isEqualTo(warnings == 0 ? "nothing found that would disturb a measurement now"
                : warnings + (warnings == 1 ? " warning: a measurement made now includes it"
                        : " warnings: a measurement made now includes them"));
    }

    @Test
    void jsonSaysItsFormatFirst() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("check", "-j");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\n  \"format\" : \"ipclab-check/1\",");
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.at("/machine/hardware/online_cpus").isTextual()).isTrue();
        assertThat(doc.get("sample_ms").asLong()).isEqualTo(500);
        JsonNode checks = doc.get("checks");
        assertThat(checks).hasSize(NAMES.size());
        long warnings = 0;
        for (int i = 0; i < NAMES.size(); i++) {
            JsonNode c = checks.get(i);
            assertThat(c.get("name").asText()).isEqualTo(NAMES.get(i));
            assertThat(c.get("status").asText()).isIn("ok", "warn");
            assertThat(c.get("advice").isNull()).isEqualTo(c.get("status").asText().equals("ok"));
            assertThat(c.get("facts").isObject()).isTrue();
            warnings += c.get("status").asText().equals("warn") ? 1 : 0;
        }
        assertThat(doc.get("warnings").asLong()).isEqualTo(warnings);
        // what this machine shows of its load is a number, read from /proc
        assertThat(checks.get(0).at("/facts/load_1m").isNumber()).isTrue();
        assertThat(checks.get(0).at("/facts/online_cpus").asInt()).isPositive();
    }

    @Test
    void aStrayArgumentIsAUsageError() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("check", "now");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).hasSize(3).first().asString().startsWith("ipclab: ");
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
