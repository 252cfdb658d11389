package ipclab.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SysExceptionTest {
    @Test
    void namesTheCallTheTextAndTheErrno() {
        assertThat(new SysException("write", Errno.EPIPE)).hasMessage("write: Broken pipe (EPIPE)");
        assertThat(new SysException("bind", Errno.EADDRINUSE)).hasMessage("bind: Address already in use (EADDRINUSE)");
        assertThat(new SysException("pipe2", Errno.EMFILE)).hasMessage("pipe2: Too many open files (EMFILE)");
    }

    @Test
    void unknownErrnoStillSaysSomething() {
        assertThat(Errno.name(4000)).isEqualTo("errno 4000");
    }

    @Test
    void hotCallsReturnMinusErrno() {
        CallState cs = new CallState();
        assertThat(Io.read(cs, -1, 0, 0)).isEqualTo(-Errno.EBADF);
        assertThat(Io.write(cs, -1, 0, 0)).isEqualTo(-Errno.EBADF);
    }
}
