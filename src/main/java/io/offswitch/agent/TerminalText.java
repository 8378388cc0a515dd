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

    /**
     * Text for a field the reader takes as one line (a file name, a description): escaped as above,
     * and newlines, carriage returns and tabs shown as {@code \n}, {@code \r}, {@code \t}, so an
     * agent-made name cannot start a line of its own that passes for the harness's.
     */
    public static String oneLine(String text) {
        return escape(text.replace("\\", "\\\\").replace("\r\n", "\n")).replace("\n", "\\n").replace("\t", "\\t");
    }

    /**
     * Multi-line untrusted text with every line behind {@code gutter} (such as {@code "  | "}), so no
     * line of it can stand at the margin where the harness's own lines (headings, turn markers, list
     * items) start. An empty text is one empty gutter line.
     */
    public static String block(String text, String gutter) {
        String body = escape(text);
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            out.append(gutter).append(line).append('\n');
        }
        return out.toString();
    }

    /** Bidirectional overrides can make a command read differently from what it does. */
    private static boolean isBidiControl(char c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
