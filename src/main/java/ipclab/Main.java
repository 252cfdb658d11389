package ipclab;

import ipclab.cli.Cli;
import java.io.PrintWriter;

/** The entry point: runs the command line and exits with its status (the only exit but the 2proc child's). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String training = System.getProperty("ipclab.aotTraining");
        if (training != null) {
            // bin/ipclab's AOT training runs: started with -jar, as every run is, or the cache
            // would not hold ipclab's own classes (the JVM checks that the class path matches).
            ipclab.cli.Training.main(training);
            System.exit(0); // exiting logs through System.Logger: its classes belong in the cache too
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Cli.Ending end = Cli.runToEnd(args, out, err);
        if (end.halts()) {
            // System.exit would first look up the System.Logger of Runtime.exit, which scans every
            // jar on the class path for logger services: about 50 ms of CPU after the work is done.
            // A command line that ran no shutdown hook's owner (see Cli.Ending) halts instead.
            out.flush();
            err.flush();
            Runtime.getRuntime().halt(end.status());
        }
        System.exit(end.status());
    }
}
