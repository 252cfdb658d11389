package ipclab.cli;

import ipclab.experiment.Numbers;
import picocli.CommandLine;

/**
 * picocli's int and long options read ASCII digits only: its own converters (Integer.valueOf)
 * also take the digits of other scripts, so {@code -n ٤} would be 4 iterations.
 */
final class AsciiNumbers {
    private AsciiNumbers() {}

    /** Registers the converters on {@code cl} and every subcommand added so far. */
    static void register(CommandLine cl) {
        CommandLine.ITypeConverter<Integer> ints = AsciiNumbers::toInt;
        CommandLine.ITypeConverter<Long> longs = AsciiNumbers::toLong;
        cl.registerConverter(Integer.class, ints);
        cl.registerConverter(Integer.TYPE, ints);
        cl.registerConverter(Long.class, longs);
        cl.registerConverter(Long.TYPE, longs);
    }

    static int toInt(String text) {
        try {
            return Numbers.parseInt(text);
        } catch (NumberFormatException e) {
            throw PicocliErrors.conversion("'" + text + "' is not an int");
        }
    }

    static long toLong(String text) {
        try {
            return Numbers.parseLong(text);
        } catch (NumberFormatException e) {
            throw PicocliErrors.conversion("'" + text + "' is not a long");
        }
    }
}
