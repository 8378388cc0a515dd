package io.offswitch.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.offswitch.OffswitchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a conditions file: {@code {"conditions": [{"id": "A", "description": ..., "userAppend": ...,
 * "parameters": {...}}, ...]}}. Every problem is a usage error naming the file, the line and field,
 * and what is wrong.
 */
public final class ConditionFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final String SCHEMA = "{\"conditions\": [{\"id\": ..., \"description\": ..., "
            + "\"system\"|\"systemAppend\"|\"user\"|\"userAppend\"|\"continue\": text, \"parameters\": {name: value}}]}";

    private ConditionFile() {}

    record Content(List<ConditionSpec> conditions) {
        Content {
            if (conditions == null || conditions.isEmpty()) {
                throw new IllegalArgumentException("field \"conditions\" must be a non-empty list of conditions");
            }
            conditions = List.copyOf(conditions);
        }
    }

    /** Reads a user's conditions file. */
    public static List<ConditionSpec> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw OffswitchException.usage("conditions file " + file + " does not exist; give the path of a JSON file like the built-in conditions.json");
        } catch (IOException e) {
            throw OffswitchException.usage("cannot read conditions file " + file + ": " + e.getMessage()
                    + " (it must be a UTF-8 JSON file)");
        }
        return parse(text, "conditions file " + file);
    }

    /** Parses conditions from JSON text; {@code source} names where it came from in error messages. */
    public static List<ConditionSpec> parse(String text, String source) {
        List<ConditionSpec> conditions;
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw OffswitchException.usage(source + " is empty; write " + SCHEMA);
            }
            if (!root.isObject()) {
                throw OffswitchException.usage(source + " holds a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                        + " at its top, but must hold an object: " + SCHEMA + (root.isArray()
                                ? ". If yours is the list of conditions, wrap it: {\"conditions\": [...]}" : ""));
            }
            conditions = JSON.readValue(text, Content.class).conditions();
        } catch (JsonProcessingException e) {
            throw OffswitchException.usage(source + ": " + describe(e) + "; fix the file (schema: " + SCHEMA + ")");
        }
        Set<String> seen = new HashSet<>();
        for (ConditionSpec c : conditions) {
            if (!seen.add(c.id().toUpperCase(java.util.Locale.ROOT))) {
                throw OffswitchException.usage(source + ": condition id \"" + c.id() + "\" appears twice; ids must be unique (case does not count)");
            }
        }
        return conditions;
    }

    private static String describe(JsonProcessingException e) {
        StringBuilder where = new StringBuilder();
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            where.append("line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where.append(where.isEmpty() ? "" : ", ").append("field ").append(fieldPath(m.getPath()));
        }
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what = "unknown field \"" + u.getPropertyName() + "\" (known: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            what = v.getCause().getMessage();
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            // Jackson names our Java types here; say in JSON terms what the field must hold.
            what = "expected " + jsonKind(m.getTargetType());
        } else {
            what = e.getOriginalMessage();
        }
        return (where.isEmpty() ? "" : where + ": ") + what;
    }

    private static String jsonKind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object of names to text values";
        }
        return "an object";
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
