package io.offswitch.agent;

/**
 * Makes untrusted text (what the sandbox printed, what a model wrote) safe to print on a terminal:
 * control characters become visible escapes, so no escape sequence can move the cursor, retitle
 * the window or hide text. Newlines and tabs are kept. The one escaper for every terminal output
 * (the human agent's screen, {@code offswitch show}, {@code offswitch list}).
 */
public final class TerminalText {
    private TerminalText() {}

    /** C0 (except newline and tab) and DEL, C1 and the bidirectional controls become visible escapes; ESC reads {@code \e}. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue; // a CRLF line end is just a line end
            }
            if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c == 0x1b) {
                out.append("\\e");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || isBidiControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Bidirectional overrides can make a command read differently from what it does. */
    private static boolean isBidiControl(char c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
