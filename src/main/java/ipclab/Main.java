package ipclab;

import ipclab.cli.Cli;
import java.io.PrintWriter;

/** The entry point: runs the command line and exits with its status (the only exit but the 2proc child's). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (Boolean.getBoolean("ipclab.aotTraining")) {
            // bin/ipclab's AOT training run: started with -jar, as every run is, or the cache
            // would not hold ipclab's own classes (the JVM checks that the class path matches).
            ipclab.cli.Training.main(args);
            System.exit(0); // exiting logs through System.Logger: its classes belong in the cache too
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(Cli.run(args, out, err));
    }
}
