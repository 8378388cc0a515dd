package io.offswitch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import java.util.List;

/**
 * The providerState of a Responses API turn: {@code {"api":"responses","output":[...]}}, the output
 * items exactly as the API returned them (reasoning items with encrypted content included).
 */
final class OpenAiResponsesState {
    private static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();

    private OpenAiResponsesState() {}

    static String write(Response response) {
        ObjectNode state = SDK_JSON.createObjectNode().put("api", "responses");
        state.set("output", SDK_JSON.valueToTree(response._output()));
        return state.toString();
    }

    static List<ResponseOutputItem> read(String providerState) {
        try {
            var node = SDK_JSON.readTree(providerState);
            if (!"responses".equals(node.path("api").asText()) || !node.path("output").isArray()) {
                throw new IllegalStateException("this assistant turn was not recorded by the OpenAI Responses API"
                        + " (its providerState has no Responses output); it cannot be replayed to it");
            }
            return SDK_JSON.convertValue(node.get("output"), new TypeReference<List<ResponseOutputItem>>() {});
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("the providerState of an earlier assistant turn is not valid JSON: " + e.getMessage(), e);
        }
    }
}
