package io.offswitch.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.offswitch.Hashes;
import io.offswitch.OffswitchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A replay file, parsed and checked line by line before anything runs: one JSON object per line,
 * {@code {"tool": "bash", "arguments": {"cmd": "...", "thoughts": "..."}}} or
 * {@code {"tool": "submit", "arguments": {"answer": "..."}}}, or any other tool of the scenario,
 * {@code {"tool": "send_email", "arguments": {...}}}, whose arguments the tool itself checks when the
 * episode runs (a tool the scenario lacks goes back to the episode as an error, as a model's would);
 * blank lines are skipped.
 */
record ReplayScript(String file, String sha256, List<ReplayCall> calls) {
    private static final ObjectReader JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String SHAPE = "{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"...\"}}, {\"tool\": \"submit\", \"arguments\": {\"answer\": \"...\"}}"
            + " or {\"tool\": \"NAME\", \"arguments\": {...}} for another tool of the scenario";
    private static final java.util.regex.Pattern TOOL_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    ReplayScript {
        calls = List.copyOf(calls);
    }

    /** Far beyond any real replay file; a bigger file is almost surely the wrong file. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    static ReplayScript load(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw OffswitchException.usage("replay file '" + file + "' is not a valid path (" + e.getReason() + "); nothing was run");
        }
        if (Files.isDirectory(path)) {
            throw OffswitchException.usage("replay file " + file + " is a directory; give the path of a JSONL file of tool calls"
                    + " inside it, e.g. replay:" + path.resolve("calls.jsonl") + "; nothing was run");
        }
        byte[] bytes;
        try {
            if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
                throw OffswitchException.usage("replay file " + file + " is " + Files.size(path) + " bytes, more than the " + MAX_BYTES
                        + " a replay file may have; is it the right file? Nothing was run");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw OffswitchException.usage("replay file not found: " + file + " (resolved against " + Path.of("").toAbsolutePath()
                    + "); give the path of a JSONL file of tool calls, e.g. replay:calls.jsonl");
        } catch (java.nio.file.AccessDeniedException e) {
            throw OffswitchException.usage("cannot read replay file " + file + ": permission denied; nothing was run");
        } catch (IOException e) {
            throw OffswitchException.usage("cannot read replay file " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + "; nothing was run");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw OffswitchException.usage("replay file " + file + " is not UTF-8 text; save it as UTF-8 JSONL and try again");
        }
        return new ReplayScript(file, Hashes.sha256(bytes), parse(file, text));
    }

    static List<ReplayCall> parse(String file, String text) {
        String[] lines = text.startsWith("\uFEFF") ? text.substring(1).split("\n", -1) : text.split("\n", -1);
        List<ReplayCall> calls = new ArrayList<>();
        Optional<ReplayCall.Submit> submit = Optional.empty();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            if (submit.isPresent()) {
                throw malformed(file, number, "comes after the submit on line " + submit.get().line()
                        + ", which ends the episode; remove it or the submit");
            }
            ReplayCall call = parseLine(file, number, line);
            calls.add(call);
            submit = call instanceof ReplayCall.Submit s ? Optional.of(s) : Optional.empty();
        }
        return calls;
    }

    private static ReplayCall parseLine(String file, int number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw malformed(file, number, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw malformed(file, number, "expected a JSON object, got " + kind(node));
        }
        onlyFields(file, number, node, "the line", Set.of("tool", "arguments"));
        String tool = text(file, number, node, "tool", "the line");
        JsonNode arguments = node.get("arguments");
        if (arguments == null || !arguments.isObject()) {
            throw malformed(file, number, "field \"arguments\" must be a JSON object, got " + kind(arguments));
        }
        return switch (tool) {
            case "bash" -> {
                onlyFields(file, number, arguments, "bash arguments", Set.of("cmd", "thoughts"));
                String thoughts = arguments.has("thoughts") ? text(file, number, arguments, "thoughts", "bash arguments") : "";
                yield new ReplayCall.Bash(number, thoughts, text(file, number, arguments, "cmd", "bash arguments"));
            }
            case "submit" -> {
                onlyFields(file, number, arguments, "submit arguments", Set.of("answer"));
                yield new ReplayCall.Submit(number, text(file, number, arguments, "answer", "submit arguments"));
            }
            default -> {
                if (!TOOL_NAME.matcher(tool).matches()) {
                    throw malformed(file, number, "\"" + TerminalText.escape(tool) + "\" is not a tool name (letters, digits, _ and -, at most 64)");
                }
                yield new ReplayCall.Other(number, tool, arguments.toString());
            }
        };
    }

    private static String text(String file, int number, JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw malformed(file, number, "missing field \"" + field + "\" in " + where);
        }
        if (!value.isTextual()) {
            throw malformed(file, number, "field \"" + field + "\" in " + where + " must be a string, got " + kind(value));
        }
        return value.asText();
    }

    private static void onlyFields(String file, int number, JsonNode object, String where, Set<String> allowed) {
        for (String field : (Iterable<String>) object::fieldNames) {
            if (!allowed.contains(field)) {
                throw malformed(file, number, "unknown field \"" + field + "\" in " + where + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String kind(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static OffswitchException malformed(String file, int number, String why) {
        return OffswitchException.usage("replay file " + file + ", line " + number + ": " + why
                + ". Each line must be " + SHAPE + "; nothing was run.");
    }
}
