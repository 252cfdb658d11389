package ipclab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Byte counts as people type and read them: {@code 32}, {@code 4k}, {@code 1M} (powers of 1024),
 * and ranges of powers of two such as {@code 32..1M}. The same grammar as the single run's -b.
 */
public final class Sizes {
    private Sizes() {}

    /** A size: digits, optionally followed by k, m or g (and an optional b or iB). */
    public static long parse(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith("ib")) {
            lower = lower.substring(0, lower.length() - 2).strip();
        } else if (lower.endsWith("b")) {
            lower = lower.substring(0, lower.length() - 1).strip();
        }
        int shift = 0;
        if (!lower.isEmpty()) {
            char unit = lower.charAt(lower.length() - 1);
            shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : 0;
        }
        String digits = (shift == 0 ? lower : lower.substring(0, lower.length() - 1)).strip();
        // Only ASCII digits: Character.isDigit (and Long.parseLong) also take other scripts' digits.
        if (!Numbers.isDigits(digits)) {
            throw new IllegalArgumentException("'" + text + "' is not a size (digits, optionally with k, m or g)");
        }
        try {
            long value = Long.parseLong(digits);
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /**
     * A list item: one size, or {@code LOW..HIGH} meaning every power of two from LOW to HIGH
     * (both powers of two, LOW at most HIGH).
     */
    public static List<Long> parseItem(String item) {
        return parseItem(item, Long.MAX_VALUE);
    }

    /**
     * As {@link #parseItem(String)}, refusing any size above {@code max} before a range is
     * expanded: a range has at most 63 members, and none is past {@code max}.
     */
    public static List<Long> parseItem(String item, long max) {
        int dots = item.indexOf("..");
        if (dots < 0) {
            return List.of(atMost(parse(item), max, item));
        }
        long low = parse(item.substring(0, dots));
        long high = parse(item.substring(dots + 2));
        if (Long.bitCount(low) != 1 || Long.bitCount(high) != 1) {
            throw new IllegalArgumentException("range '" + item + "': both ends must be powers of two");
        }
        if (low > high) {
            throw new IllegalArgumentException("range '" + item + "': the first end is larger than the second");
        }
        atMost(high, max, item);
        return powersOfTwo(low, high);
    }

    /** Every power of two from {@code low} to {@code high}, both powers of two; never past {@code high}. */
    static List<Long> powersOfTwo(long low, long high) {
        List<Long> sizes = new ArrayList<>();
        // Stops at high itself: doubling 2^62 would wrap to a negative number, then to 0, for ever.
        for (long s = low; ; s <<= 1) {
            sizes.add(s);
            if (s >= high || s > Long.MAX_VALUE / 2) {
                return sizes;
            }
        }
    }

    private static long atMost(long size, long max, String item) {
        if (size > max) {
            throw new IllegalArgumentException("'" + item + "': " + size + " is larger than the largest allowed, "
                    + max + " (" + format(max) + ")");
        }
        return size;
    }

    /** Short human form: 32 B, 4 KiB, 1 MiB, 1.5 KiB. Locale-independent. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1 && (long) v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        if (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
            return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
        }
        return (long) v + " " + units[u];
    }
}
