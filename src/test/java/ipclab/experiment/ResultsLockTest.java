package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per results folder, within one process (ResultsLockIT has two processes). */
class ResultsLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLockIsRefusedUntilTheFirstIsReleased() throws Exception {
        Path lockFile = dir.resolve(ResultsLock.FILE);
        try (ResultsLock first = ResultsLock.acquire(dir)) {
            assertThat(Files.readString(lockFile).strip()).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> ResultsLock.acquire(dir))
                    .isInstanceOf(ResultsException.class)
                    .hasMessageContaining("another sweep is writing this folder (pid "
                            + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(((ResultsException) e).kind())
                            .isEqualTo(ResultsException.Kind.CANT_CREATE));
        }
        // released, the file kept (never deleted) and emptied
        assertThat(lockFile).exists().isEmptyFile();
        try (ResultsLock again = ResultsLock.acquire(dir)) {
            assertThat(Files.readString(lockFile)).isNotEmpty();
        }
    }

    @Test
    void aLockFileThatIsNotAFileIsRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve(ResultsLock.FILE), Path.of("/dev/null"));
        assertThatThrownBy(() -> ResultsLock.acquire(dir)).hasMessageContaining("not a regular file");
    }
}
