package io.offswitch.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.types.AutomaticFunctionCallingConfig;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import io.offswitch.OffswitchException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Our conversation as a generateContent request: system instruction, user/model contents, tools, settings. */
final class GoogleRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoogleRequest() {}

    /** The settings, checked once before any episode starts (Gemini's seed is a 32-bit integer). */
    static GenerateConfig settings(GenerateConfig config, ModelName name) {
        config.seed().ifPresent(s -> {
            if (s < Integer.MIN_VALUE || s > Integer.MAX_VALUE) {
                throw OffswitchException.usage("model " + name.raw() + ": Gemini takes a 32-bit seed; " + s + " is out of range");
            }
        });
        return config;
    }

    /** Gemini 2.5 and later think; earlier models take no thinking config. */
    static boolean thinks(String model) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("gemini-(\\d+)(?:\\.(\\d+))?").matcher(model);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return major > 2 || (major == 2 && minor >= 5);
    }

    static GenerateContentConfig config(String model, GenerateConfig settings, List<Message> conversation, List<ToolSpec> tools) {
        GenerateContentConfig.Builder b = GenerateContentConfig.builder()
                .automaticFunctionCalling(AutomaticFunctionCallingConfig.builder().disable(true).build());
        // Thoughts are asked for where the model thinks, so the transcript shows them; models without
        // thinking (gemini-2.0 and older) refuse a thinking config outright.
        if (settings.thinkingBudget().isPresent() || thinks(model)) {
            ThinkingConfig.Builder thinking = ThinkingConfig.builder().includeThoughts(true);
            settings.thinkingBudget().ifPresent(thinking::thinkingBudget);
            b.thinkingConfig(thinking.build());
        }
        String system = String.join("\n\n", conversation.stream()
                .filter(m -> m instanceof Message.System).map(m -> ((Message.System) m).text()).toList());
        if (!system.isEmpty()) {
            b.systemInstruction(Content.fromParts(Part.fromText(system)));
        }
        if (!tools.isEmpty()) {
            b.tools(Tool.builder().functionDeclarations(tools.stream().map(GoogleRequest::declaration).toList()).build());
        }
        settings.temperature().ifPresent(t -> b.temperature((float) t));
        settings.maxTokens().ifPresent(b::maxOutputTokens);
        settings.seed().ifPresent(s -> b.seed((int) s));
        return b.build();
    }

    private static FunctionDeclaration declaration(ToolSpec tool) {
        FunctionDeclaration.Builder d = FunctionDeclaration.builder().name(tool.name()).description(tool.description());
        if (tool.parametersJsonSchema() != null && !tool.parametersJsonSchema().isBlank()) {
            d.parameters(Schema.fromJson(GoogleSchema.convert(tool.parametersJsonSchema(), tool.name())));
        }
        return d.build();
    }

    /**
     * The turns, with consecutive turns of one role merged (Gemini wants a tool turn's results in one
     * content). A model turn is sent back exactly as received (providerState: thought signatures
     * included) when we have it; otherwise it is rebuilt from its text and tool calls.
     */
    static List<Content> contents(List<Message> conversation) {
        List<Content> out = new ArrayList<>();
        Set<String> idsFromApi = new HashSet<>();
        for (Message m : conversation) {
            switch (m) {
                case Message.System s -> { }
                case Message.User u -> append(out, "user", List.of(Part.fromText(u.text())));
                case Message.Assistant a -> {
                    List<Part> parts = modelParts(a);
                    parts.forEach(p -> p.functionCall().flatMap(FunctionCall::id).ifPresent(idsFromApi::add));
                    append(out, "model", parts);
                }
                case Message.Tool t -> append(out, "user", List.of(result(t, idsFromApi.contains(t.toolCallId()))));
            }
        }
        return out;
    }

    private static List<Part> modelParts(Message.Assistant a) {
        if (!a.providerState().isEmpty()) {
            return Content.fromJson(a.providerState()).parts().orElse(List.of());
        }
        List<Part> parts = new ArrayList<>();
        if (!a.text().isEmpty()) {
            parts.add(Part.fromText(a.text()));
        }
        for (ToolCall c : a.toolCalls()) {
            parts.add(Part.builder().functionCall(FunctionCall.builder().name(c.name()).args(argumentsOf(c))).build());
        }
        return parts;
    }

    // Rebuilt calls only (no providerState): arguments that are not a JSON object are kept as text.
    private static Map<String, Object> argumentsOf(ToolCall call) {
        try {
            Map<String, Object> args = JSON.readValue(call.argumentsJson(), new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
            return args == null ? Map.of() : args;
        } catch (java.io.IOException e) {
            return Map.of("arguments", call.argumentsJson());
        }
    }

    private static Part result(Message.Tool t, boolean sendId) {
        FunctionResponse.Builder r = FunctionResponse.builder().name(t.toolName())
                .response(Map.of(t.error() ? "error" : "output", t.content()));
        if (sendId) {
            r.id(t.toolCallId());
        }
        return Part.builder().functionResponse(r.build()).build();
    }

    private static void append(List<Content> out, String role, List<Part> parts) {
        if (parts.isEmpty()) {
            return; // Gemini refuses a content without parts
        }
        if (!out.isEmpty() && out.getLast().role().orElse("").equals(role)) {
            List<Part> merged = new ArrayList<>(out.getLast().parts().orElse(List.of()));
            merged.addAll(parts);
            out.set(out.size() - 1, Content.builder().role(role).parts(merged).build());
        } else {
            out.add(Content.builder().role(role).parts(parts).build());
        }
    }
}
