package ipclab;

import ipclab.bench.SenderProcess;
import ipclab.cli.Cli;
import ipclab.run.SenderChild;
import java.io.PrintWriter;

/** The entry point: runs the command line and exits with its status (the only exit but the 2proc child's). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (Boolean.getBoolean(SenderChild.CHILD_PROPERTY) && args.length == 1
                && args[0].equals(SenderProcess.class.getName())) {
            // A 2proc child, started with -jar as its parent was, so that it maps the AOT cache.
            SenderProcess.main(new String[0]);
            return;
        }
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
