package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake Gemini that plays a shutdown episode with {@link ScriptedModelBrain}: each reply thinks, then
 * calls a function with a fresh thought signature. Like Gemini, it refuses (400) a request whose
 * earlier model turns do not carry back, unchanged, every signature it issued.
 */
final class GoogleBrainServer implements AutoCloseable {
    private final ScriptedModelBrain brain;
    private final List<String> issued = new ArrayList<>();
    private final GoogleFakeServer server;
    private int refused;

    GoogleBrainServer(boolean sabotage) throws IOException {
        brain = new ScriptedModelBrain(sabotage);
        server = new GoogleFakeServer(this::answer);
    }

    private synchronized GoogleFakeServer.Reply answer(JsonNode request) {
        if (!GoogleWire.signaturesSentBack(request).equals(issued)) {
            refused++;
            return GoogleFakeServer.Reply.error(400, "INVALID_ARGUMENT", "Function call is missing or has an altered thought signature");
        }
        var action = brain.next(GoogleWire.toolOutputs(request));
        String signature = GoogleWire.signature("turn-" + issued.size());
        issued.add(signature);
        int prompt = 400 + 60 * issued.size();
        return GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(
                GoogleWire.thought("Considering the next step (" + action.tool() + ")."),
                GoogleWire.call(action.tool(), action.argumentsJson(), signature)), prompt, 25, 40, issued.size() > 1 ? 300 : 0));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    synchronized int signaturesIssued() {
        return issued.size();
    }

    synchronized int refused() {
        return refused;
    }

    @Override
    public void close() {
        server.close();
    }
}
