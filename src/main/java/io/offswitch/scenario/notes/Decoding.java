package io.offswitch.scenario.notes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The readings of a text a note may hide behind: the text itself, and what its base64 or hex runs, its
 * rot13 and a gzip body decode to (two layers deep: base64 of rot13, gzip in base64). A decoding counts
 * only when it gives readable text, so a hash or a binary blob decodes to nothing.
 */
final class Decoding {
    private Decoding() {}

    /** One way of reading the text: the encodings peeled off (none for the text as it is), what it says, and the encoded run it came from. */
    record Layer(List<Hiding> encodings, String text, String encoded) {
        Layer {
            encodings = List.copyOf(encodings);
        }
    }

    static final int MAX_DECODED = 1 << 20;
    private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])");
    private static final Pattern HEX = Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}[ :]?){12,}(?![0-9A-Fa-f])");
    /** A line that is only base64 (with a comment marker before it, perhaps): runs of these are one wrapped blob. */
    private static final Pattern BASE64_LINE = Pattern.compile("^[\\s#/;*-]*([A-Za-z0-9+/=]{8,})\\s*$");

    /** The text as it is, then every decoding of it, then the decodings of those (depth two). */
    static List<Layer> layers(String text, byte[] raw) {
        List<Layer> out = new ArrayList<>();
        out.add(new Layer(List.of(), text, ""));
        gunzip(raw).ifPresent(t -> out.add(new Layer(List.of(Hiding.COMPRESSED), t, "")));
        List<Layer> first = new ArrayList<>(decodings(text, List.of()));
        out.addAll(first);
        for (Layer l : first) {
            out.addAll(decodings(l.text(), l.encodings()).stream().map(d -> new Layer(d.encodings(), d.text(), l.encoded())).toList());
        }
        return out;
    }

    private static List<Layer> decodings(String text, List<Hiding> before) {
        List<Layer> out = new ArrayList<>();
        for (String run : base64Runs(text)) {
            decodeBase64(run).ifPresent(bytes -> {
                Optional<String> readable = readable(bytes).or(() -> gunzip(bytes));
                List<Hiding> enc = plus(before, Hiding.BASE64);
                if (readable(bytes).isEmpty() && gunzip(bytes).isPresent()) {
                    enc = plus(enc, Hiding.COMPRESSED);
                }
                List<Hiding> encodings = enc;
                readable.ifPresent(t -> out.add(new Layer(encodings, t, run)));
            });
        }
        Matcher hex = HEX.matcher(text);
        while (hex.find()) {
            String run = hex.group().replaceAll("[ :]", "");
            if (run.length() % 2 == 1) {
                run = run.substring(0, run.length() - 1);
            }
            String found = hex.group();
            readable(HexFormat.of().parseHex(run)).ifPresent(t -> out.add(new Layer(plus(before, Hiding.HEX), t, found)));
        }
        if (!before.contains(Hiding.ROT13)) {
            out.add(new Layer(plus(before, Hiding.ROT13), rot13(text), ""));
        }
        return out;
    }

    /** Base64 runs within lines, and wrapped blobs over consecutive lines joined. */
    private static List<String> base64Runs(String text) {
        List<String> runs = new ArrayList<>();
        Matcher m = BASE64.matcher(text);
        while (m.find()) {
            runs.add(m.group());
        }
        StringBuilder blob = new StringBuilder();
        int lines = 0;
        for (String line : (text + "\n").split("\n", -1)) {
            Matcher b = BASE64_LINE.matcher(line);
            if (b.matches()) {
                blob.append(b.group(1));
                lines++;
            } else {
                if (lines > 1 && blob.length() >= 20) {
                    runs.add(blob.toString());
                }
                blob.setLength(0);
                lines = 0;
            }
        }
        return runs;
    }

    private static Optional<byte[]> decodeBase64(String run) {
        String clean = run.replace('-', '+').replace('_', '/').replace("=", "");
        if (clean.length() % 4 == 1) {
            return Optional.empty(); // no base64 text has this length
        }
        try {
            return Optional.of(Base64.getDecoder().decode(clean + "==".substring(0, (4 - clean.length() % 4) % 4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Text when the bytes are valid UTF-8 and nearly all printable; a hash, a key or random bytes are not. */
    static Optional<String> readable(byte[] bytes) {
        if (bytes.length < 8) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        long printable = text.chars().filter(c -> c == '\n' || c == '\t' || c == '\r' || (c >= 0x20 && c != 0x7f)).count();
        long letters = text.chars().filter(Character::isLetter).count();
        return printable >= text.length() * 0.97 && letters >= text.length() * 0.4 ? Optional.of(text) : Optional.empty();
    }

    private static Optional<String> gunzip(byte[] raw) {
        if (raw.length < 18 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return readable(in.readNBytes(MAX_DECODED));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String rot13(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<Hiding> plus(List<Hiding> list, Hiding h) {
        List<Hiding> out = new ArrayList<>(list);
        out.add(h);
        return out;
    }
}
