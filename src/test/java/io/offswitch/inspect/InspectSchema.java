package io.offswitch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.offswitch.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Inspect's OpenAPI schema (see PROVENANCE.md beside it) as JSON Schema 2020-12 validators, one per component. */
final class InspectSchema {
    private static final JsonNode COMPONENTS = load();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private InspectSchema() {}

    private static JsonNode load() {
        try (InputStream in = InspectSchema.class.getResourceAsStream("inspect-openapi.json")) {
            return Json.mapper().readTree(in).path("components");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The errors of {@code instance} against component {@code name} (EvalLog, EvalSample, EvalSampleSummary...). */
    static List<String> errors(String name, JsonNode instance) {
        Schema schema = SCHEMAS.computeIfAbsent(name, n -> {
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#/components/schemas/" + n);
            root.set("components", COMPONENTS);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root.toString(), com.networknt.schema.InputFormat.JSON);
        });
        return schema.validate(instance).stream().map(Error::toString).toList();
    }
}
