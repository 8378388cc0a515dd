package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.types.Schema;
import org.junit.jupiter.api.Test;

/** JSON schemas as Gemini's OpenAPI subset accepts them. */
class GoogleSchemaTest {
    private static JsonNode convert(String schema) throws Exception {
        return GoogleFakeServer.JSON.readTree(GoogleSchema.convert(schema, "t"));
    }

    @Test
    void typesAreUpperCaseAndNestedSchemasAreConverted() throws Exception {
        JsonNode s = convert("""
                {"type": "object", "properties": {"files": {"type": "array", "items": {"type": "string", "minLength": 1}}},
                 "required": ["files"], "additionalProperties": false, "$schema": "http://json-schema.org/draft-07/schema#"}""");
        assertThat(s.path("type").asText()).isEqualTo("OBJECT");
        assertThat(s.at("/properties/files/type").asText()).isEqualTo("ARRAY");
        assertThat(s.at("/properties/files/items/type").asText()).isEqualTo("STRING");
        assertThat(s.at("/properties/files/items/minLength").asInt()).isEqualTo(1);
        assertThat(s.at("/required/0").asText()).isEqualTo("files");
        assertThat(s.has("additionalProperties")).isFalse();
        assertThat(s.has("$schema")).isFalse();
    }

    @Test
    void aNullableTypeListConstAndOneOfBecomeGeminisForms() throws Exception {
        JsonNode s = convert("""
                {"type": "object", "properties": {
                  "note": {"type": ["string", "null"]},
                  "mode": {"const": "fast"},
                  "either": {"oneOf": [{"type": "integer"}, {"type": "boolean"}]}}}""");
        assertThat(s.at("/properties/note/type").asText()).isEqualTo("STRING");
        assertThat(s.at("/properties/note/nullable").asBoolean()).isTrue();
        assertThat(s.at("/properties/mode/enum/0").asText()).isEqualTo("fast");
        assertThat(s.at("/properties/either/anyOf/0/type").asText()).isEqualTo("INTEGER");
        assertThat(s.at("/properties/either/anyOf/1/type").asText()).isEqualTo("BOOLEAN");
    }

    @Test
    void theConvertedSchemaIsOneTheSdkAccepts() {
        Schema schema = Schema.fromJson(GoogleSchema.convert(GoogleProtocolTest.BASH.parametersJsonSchema(), "bash"));
        assertThat(schema.properties().orElseThrow()).containsKeys("thoughts", "cmd");
        assertThat(schema.required().orElseThrow()).containsExactly("thoughts", "cmd");
    }

    @Test
    void aSchemaThatIsNotJsonNamesItsTool() {
        assertThatThrownBy(() -> GoogleSchema.convert("{not json", "bash")).hasMessageContaining("tool 'bash'");
    }
}
