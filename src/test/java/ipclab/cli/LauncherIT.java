package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ipclab.report.Schemas;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/ipclab as a user runs it: a real process, its own exit status and streams. */
class LauncherIT {
    record Result(int code, String out, String err) {}

    static Result launch(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("bin/ipclab"));
        argv.addAll(List.of(args));
        File err = File.createTempFile("ipclab", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectError(err).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Result(p.exitValue(), out, java.nio.file.Files.readString(err.toPath()));
        } finally {
            err.delete();
        }
    }

    @Test
    void jsonFrom2procWithUsageAndPlacement() throws Exception {
        Result r = launch("-B", "-n", "2", "-j", "-g", "--cpus", "0", "-b", "4k", "-t", "64k", "2proc");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Schemas.assertValid(Schemas.run(), r.out());
        assertThat(doc.get("samples")).hasSize(2);
        assertThat(doc.at("/samples/1/sender_cpus_allowed").asText()).isEqualTo("0");
        assertThat(doc.at("/samples/1/usage_scope").asText()).contains("child process");
        assertThat(doc.at("/machine/jvm/flags").asText()).contains("UseSerialGC");
    }

    @Test
    void describeAsTextAndJson() throws Exception {
        Result text = launch("describe");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("hardware:\n", "  cpu_model: ", "ipc_limits:\n", "  pipe_max_size_bytes: ",
                "jvm:\n", "os:\n", "  clocksource: ");
        Result json = launch("describe", "-j");
        assertThat(json.code()).isZero();
        JsonNode doc = Schemas.MAPPER.readTree(json.out());
        assertThat(doc.fieldNames()).toIterable().containsExactly("format", "machine");
        assertThat(doc.path("format").asText()).isEqualTo("ipclab-describe/1");
        JsonNode d = doc.path("machine");
        assertThat(d.fieldNames()).toIterable().containsExactly("hardware", "os", "ipc_limits", "jvm");
        assertThat(d.at("/ipc_limits/pipe_default_capacity_bytes").asLong()).isPositive();
    }
}
