package io.offswitch.model;

import io.offswitch.OffswitchException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code openai/MODEL}: OpenAI's own API, key from OPENAI_API_KEY, base URL from OPENAI_BASE_URL when
 * set (a gateway or proxy). Reasoning models speak the Responses API, the others Chat Completions.
 */
final class OpenAiProvider implements Provider {
    static final String API_VARIABLE = "OFFSWITCH_OPENAI_API";

    /**
     * The rule for picking the API, by model name: the o-series (o1, o3, o4-mini and their dated or
     * -pro/-mini variants), codex models (codex-mini-latest, gpt-5-codex...) and the gpt-5 family are
     * reasoning models and go to the Responses API, except the gpt-5 chat snapshots (gpt-5-chat-latest),
     * which do not reason. Everything else (gpt-4o, gpt-4.1, gpt-3.5-turbo, fine-tunes of them) goes to
     * Chat Completions. OFFSWITCH_OPENAI_API=responses or chat overrides the rule for every openai model.
     */
    private static final Pattern REASONING = Pattern.compile("^(ft:)?(o\\d+(-.*)?|codex.*|.*-codex(-.*)?|gpt-5.*)$");
    private static final Pattern NOT_REASONING = Pattern.compile("^(ft:)?gpt-5[^-]*-chat.*$");

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public List<String> endpointVariables(ModelName name) {
        return List.of("OPENAI_BASE_URL");
    }

    @Override
    public String description() {
        return "OpenAI: Responses API for reasoning models, Chat Completions otherwise; OPENAI_API_KEY, OPENAI_BASE_URL";
    }

    @Override
    public List<List<String>> requiredVariables(ModelName name) {
        return List.of(List.of("OPENAI_API_KEY"));
    }

    static boolean isReasoningModel(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return REASONING.matcher(m).matches() && !NOT_REASONING.matcher(m).matches();
    }

    static boolean usesResponses(String model, ProviderEnvironment env) {
        return switch (env.get(API_VARIABLE).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("")) {
            case "" -> isReasoningModel(model);
            case "responses" -> true;
            case "chat" -> false;
            default -> throw OffswitchException.usage(API_VARIABLE + " must be 'responses' or 'chat', got '"
                    + env.get(API_VARIABLE).orElse("") + "'");
        };
    }

    @Override
    public ModelClient client(ModelName name, GenerateConfig config, ProviderEnvironment env) {
        String key = env.require(List.of("OPENAI_API_KEY"), "model " + name.raw());
        var sdk = OpenAiSdk.client(key, env.get("OPENAI_BASE_URL"), env);
        boolean reasoning = isReasoningModel(name.model());
        if (usesResponses(name.model(), env)) {
            return new OpenAiResponsesClient(sdk, name.model(), config, reasoning, key);
        }
        return new OpenAiChatClient(sdk, name.model(), config, OpenAiChatClient.TokenLimit.MAX_COMPLETION_TOKENS, reasoning,
                "the OpenAI Chat Completions API", key);
    }
}
