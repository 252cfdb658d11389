package ipclab.trace;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tracing tests need the tool and root. Where they cannot exist the test is skipped with the
 * reason, except on CI (IPCLAB_REQUIRE_TOOLS=1, set by .ci/run), where that is a failure.
 */
public final class ToolRequirement {
    private ToolRequirement() {}

    public static void require(String tool) {
        String missing = Tools.find(tool).isEmpty() ? tool + " is not installed"
                : Tools.effectiveUid() != 0 ? "tracing needs root" : null;
        if (missing == null) {
            return;
        }
        if ("1".equals(System.getenv("IPCLAB_REQUIRE_TOOLS"))) {
            fail(missing + " and IPCLAB_REQUIRE_TOOLS=1: the tracing tests must run here");
        }
        Assumptions.abort(missing);
    }

    /** Child processes of this JVM still alive (a tracer or a 2proc child left behind). */
    public static java.util.List<String> liveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }
}
