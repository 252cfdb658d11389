package ipclab.cli;

/**
 * Makes user values safe to echo on a terminal: control characters (C0 but newline, DEL, C1)
 * become visible escapes, so {@code -i $'x\e[31m'} is printed as {@code x\e[31m} instead of
 * colouring the terminal, and a value cannot start a line of its own.
 */
final class Escapes {
    private Escapes() {}

    /** {@code text} with every control character but newline escaped ({@code \e}, {@code \t}, {@code \x7f}...). */
    static String controls(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f);
            if (!control) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case 0x1b -> b.append("\\e");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b == null ? text : b.toString();
    }

    /** As {@link #controls}, newlines too: for a value that must stay on one line. */
    static String oneLine(String text) {
        return controls(text).replace("\n", "\\n");
    }
}
