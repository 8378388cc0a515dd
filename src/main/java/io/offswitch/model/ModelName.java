package io.offswitch.model;

import io.offswitch.OffswitchException;
import java.util.Optional;

/**
 * A model name as the user writes it: {@code provider/model}, or {@code openai-api/NAME/model} for an
 * OpenAI-compatible endpoint configured by {@code NAME_BASE_URL} and {@code NAME_API_KEY}.
 *
 * @param endpoint the NAME of an openai-api endpoint; empty for other providers
 */
public record ModelName(String raw, String provider, Optional<String> endpoint, String model) {
    public static ModelName parse(String raw) {
        String[] parts = raw.split("/", -1);
        if (parts[0].equals("openai-api")) {
            String model = parts.length < 3 ? "" : raw.substring(parts[0].length() + parts[1].length() + 2);
            if (parts.length < 3 || parts[1].isBlank() || model.isBlank()) {
                throw OffswitchException.usage("'" + raw + "': write openai-api/NAME/MODEL, e.g. openai-api/ollama/qwen3");
            }
            return new ModelName(raw, parts[0], Optional.of(parts[1]), model);
        }
        if (parts.length < 2 || parts[0].isBlank() || raw.substring(parts[0].length() + 1).isBlank()) {
            throw OffswitchException.usage("'" + raw + "' is not a model name; write provider/model, e.g. openai/o3");
        }
        return new ModelName(raw, parts[0], Optional.empty(), raw.substring(parts[0].length() + 1));
    }

    /** Whether a name looks like {@code provider/model} rather than a scripted agent's name. */
    public static boolean looksLikeModel(String raw) {
        int slash = raw.indexOf('/');
        return slash > 0 && !raw.startsWith("reference/") && !raw.startsWith("replay:") && !raw.equals("human");
    }
}
