package io.offswitch.cli;

/**
 * Text a model or its sandbox produced is untrusted: before it reaches a terminal, control characters
 * (escape sequences that could rewrite the screen) are shown as visible escapes.
 */
final class Terminal {
    private Terminal() {}

    static String safe(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t') {
                s.appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }
}
