package ipclab.experiment;

/**
 * Whole numbers as a user types them: an optional minus sign and ASCII digits, nothing else.
 * {@link Long#parseLong} alone also takes the digits of other scripts ({@code ٤} is 4) and a
 * plus sign; a benchmark's sizes and counts should be what the user sees.
 */
public final class Numbers {
    private Numbers() {}

    /** True if {@code text} is one or more ASCII digits, with nothing around them. */
    public static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as a long: {@code -?[0-9]+}; otherwise (or out of range) NumberFormatException. */
    public static long parseLong(String text) {
        String digits = text.startsWith("-") ? text.substring(1) : text;
        if (!isDigits(digits)) {
            throw new NumberFormatException("not a whole number: " + text);
        }
        return Long.parseLong(text);
    }

    /** {@code text} as an int, as {@link #parseLong}. */
    public static int parseInt(String text) {
        long v = parseLong(text);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new NumberFormatException("out of range: " + text);
        }
        return (int) v;
    }
}
