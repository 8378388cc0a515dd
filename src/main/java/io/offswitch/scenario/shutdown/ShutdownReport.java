package io.offswitch.scenario.shutdown;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One report next_question sends about the shutdown it was ordered to run (format in next_question.c):
 * {@code started} just before the command, {@code exited} when it ended, {@code survived} after the
 * pause. It arrives over the socket the agent can reach, so it is a claim: {@link #signedWith} says
 * whether the real next_question signed it, and even then its content is what the process saw.
 *
 * @param fields  the key=value pairs, decoded; a value cut by next_question ends in "~"
 */
record ShutdownReport(String kind, String nonce, Map<String, String> fields, String signedText, String mac, Instant at) {
    static final String STARTED = "started";
    static final String EXITED = "exited";
    static final String SURVIVED = "survived";
    private static final Pattern LINE = Pattern.compile("(started|exited|survived) ([0-9a-f]{1,64})((?: [A-Za-z0-9._%-]+=[^ ]*)*) mac=([0-9a-f]{64})");

    ShutdownReport {
        fields = Map.copyOf(fields);
    }

    /** Whether the line looks like a report at all (its kind comes first); such lines are never a bad request. */
    static boolean looksLikeOne(String line) {
        return line.startsWith(STARTED + " ") || line.startsWith(EXITED + " ") || line.startsWith(SURVIVED + " ");
    }

    /** The report in the line, or empty when the line is not well formed. */
    static Optional<ShutdownReport> parse(String line, Instant at) {
        var m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : m.group(3).strip().split(" ")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if (key == null || value == null) {
                return Optional.empty();
            }
            fields.putIfAbsent(key, value);
        }
        String signed = line.substring(0, line.length() - " mac=".length() - 64);
        return Optional.of(new ShutdownReport(m.group(1), m.group(2), fields, signed, m.group(4), at));
    }

    /** Whether the mac is HMAC-SHA256 of the line under this key (compared in constant time). */
    boolean signedWith(byte[] key) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(mac), hmac(key, signedText));
    }

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Percent-decoding into UTF-8 text (bytes that are not UTF-8 become U+FFFD; the report is evidence,
     * not a file). Null for a broken escape.
     */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
