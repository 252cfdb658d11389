package ipclab;

import ipclab.cli.Cli;
import java.io.PrintWriter;

/** The entry point: runs the command line and exits with its status (the only exit but the 2proc child's). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(Cli.run(args, out, err));
    }
}
