package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * A tool's JSON schema in Gemini's dialect (an OpenAPI 3.0 subset): upper-case types, a type list
 * with "null" becomes {@code nullable}, {@code const} becomes a one-value enum, and keywords Gemini
 * rejects ({@code additionalProperties}, {@code $schema}...) are left out.
 */
final class GoogleSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEPT = Set.of("description", "enum", "format", "title", "nullable", "required", "pattern",
            "minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties",
            "propertyOrdering", "default", "example");

    private GoogleSchema() {}

    /** The converted schema as JSON text, for {@code Schema.fromJson}. */
    static String convert(String jsonSchema, String toolName) {
        try {
            return convert(JSON.readTree(jsonSchema)).toString();
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the parameter schema of tool '" + toolName + "' is not valid JSON: " + e.getMessage(), e);
        }
    }

    static ObjectNode convert(JsonNode in) {
        ObjectNode out = JSON.createObjectNode();
        if (in == null || !in.isObject()) {
            return out;
        }
        JsonNode type = in.get("type");
        if (type != null && type.isTextual()) {
            out.put("type", type.asText().toUpperCase(Locale.ROOT));
        } else if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals("null")) {
                    out.put("nullable", true);
                } else if (!out.has("type")) {
                    out.put("type", t.asText().toUpperCase(Locale.ROOT));
                }
            }
        }
        in.properties().forEach(e -> {
            String k = e.getKey();
            JsonNode v = e.getValue();
            switch (k) {
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    v.properties().forEach(p -> props.set(p.getKey(), convert(p.getValue())));
                }
                case "items" -> out.set("items", convert(v));
                case "anyOf", "oneOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    v.forEach(s -> any.add(convert(s)));
                }
                case "const" -> out.putArray("enum").add(v.asText());
                default -> {
                    if (KEPT.contains(k)) {
                        out.set(k, v);
                    }
                }
            }
        });
        return out;
    }
}
