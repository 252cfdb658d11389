package ipclab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2proc child's command line: from the jar it must start as its parent did (-jar, no module
 * options of its own), or the JVM refuses the AOT cache and the JDK's CDS archive with it.
 */
class SenderChildCommandTest {
    private static final String MAIN = "ipclab.bench.SenderProcess";

    @Test
    void fromTheJarTheChildStartsWithDashJarAndNamesItsMainAsItsArgument(@TempDir Path dir) throws Exception {
        Path aot = Files.createFile(dir.resolve("ipclab-runs.aot"));
        List<String> argv = SenderChild.command(MAIN, "/jdk", "/x/target/ipclab.jar", aot.toString(), "-Xmx64m -Dy=1");
        assertThat(argv.getFirst()).isEqualTo("/jdk/bin/java");
        assertThat(argv).noneMatch(a -> a.startsWith("--add-exports")).doesNotContain("-cp")
                .contains("-XX:AOTCache=" + aot, "-Dipclab.child=true", "-Xmx64m", "-Dy=1");
        assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("-jar", "/x/target/ipclab.jar", MAIN);
        assertThat(argv.indexOf("-Xmx64m")).isLessThan(argv.indexOf("-jar"));
    }

    @Test
    void theLaunchersOwnMainNeedsNoArgument() {
        List<String> argv = SenderChild.command("ipclab.Main", "/jdk", "/x/ipclab.jar", "", "");
        assertThat(argv.subList(argv.size() - 2, argv.size())).containsExactly("-jar", "/x/ipclab.jar");
        assertThat(argv).doesNotContain("-Dipclab.child=true");
    }

    @Test
    void aCacheThatIsNotThereIsNotNamed() {
        List<String> argv = SenderChild.command(MAIN, "/jdk", "/x/ipclab.jar", "/nowhere/ipclab-runs.aot", " ");
        assertThat(argv).noneMatch(a -> a.startsWith("-XX:AOTCache")).noneMatch(String::isBlank);
    }

    @Test
    void fromClassesTheChildGetsTheClassPathAndTheModuleOptions(@TempDir Path dir) throws Exception {
        Path aot = Files.createFile(dir.resolve("ipclab-runs.aot"));
        String classPath = "/x/target/classes:/x/lib/picocli.jar";
        List<String> argv = SenderChild.command(MAIN, "/jdk", classPath, aot.toString(), "");
        assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("-cp", classPath, MAIN);
        assertThat(argv).contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
        // A cache is made from the jar; a JVM on another class path cannot use it.
        assertThat(argv).noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }
}
