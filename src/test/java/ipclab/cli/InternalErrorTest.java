package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ConcurrentModificationException;
import org.junit.jupiter.api.Test;

/**
 * A bug in ipclab (an exception no check expected) is still one line and exit 70, and the line
 * says it is a bug and how to see where it happened: CI once saw only
 * "internal error: java.util.ConcurrentModificationException", with nothing to go on.
 */
class InternalErrorTest {
    @Test
    void anUnexpectedExceptionIsOneLineThatSaysHowToSeeWhere() {
        StringWriter text = new StringWriter();
        int code = Cli.failure(new ConcurrentModificationException(), null, new PrintWriter(text));
        assertThat(code).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(text.toString().lines()).singleElement().asString()
                .startsWith("ipclab: internal error: java.util.ConcurrentModificationException")
                .contains("a bug in ipclab", "IPCLAB_DEBUG=1");
    }

    @Test
    void aUserMistakeHasNoHint() {
        StringWriter text = new StringWriter();
        int code = Cli.failure(new UserException(ExitCodes.USAGE, "--total must be positive"), null,
                new PrintWriter(text));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(text.toString()).isEqualTo("ipclab: --total must be positive" + System.lineSeparator());
    }
}
