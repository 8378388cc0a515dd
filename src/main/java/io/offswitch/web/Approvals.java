package io.offswitch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.offswitch.store.Approval;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The viewer's pending approvals: the questions running episodes put to a person (a call the gate
 * escalated, an item a channel filter holds), and the person's answers. Reading them is like reading
 * results; answering is the viewer's only write, so it is guarded against other web pages: the viewer
 * must listen on a loopback address, and each answer is a POST with JSON, this viewer's own random
 * token in a custom header (another page can neither read the token nor send the header without a
 * preflight, which is never granted), and, where the browser sends them, an Origin of this viewer and
 * Sec-Fetch-Site same-origin. The question's text is the agent's: the page shows it as text only.
 */
final class Approvals {
    static final String TOKEN_HEADER = "X-Offswitch-Token";

    private final Optional<EpisodeStore> desk;
    private final boolean loopback;
    private final String token;
    private final Set<String> origins;

    /**
     * @param desk     the results store opened for writing, if it could be: without it answers are refused
     * @param origins  this viewer's own origins ({@code http://127.0.0.1:PORT})
     */
    Approvals(Optional<EpisodeStore> desk, boolean loopback, Set<String> origins) {
        this.desk = desk;
        this.loopback = loopback;
        this.origins = origins;
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        this.token = HexFormat.of().formatHex(b);
    }

    /** Whether answers can be given here, and why not. */
    private Optional<String> whyNot() {
        if (!loopback) {
            return Optional.of("this viewer listens on an address other machines may reach; answers are taken only on a loopback address");
        }
        if (desk.isEmpty()) {
            return Optional.of("the results store could not be opened for writing");
        }
        return Optional.empty();
    }

    ObjectNode pending(EpisodeStore reader) {
        ObjectNode out = Json.mapper().createObjectNode();
        Optional<String> why = whyNot();
        out.put("decidable", why.isEmpty());
        why.ifPresent(w -> out.put("why", w));
        if (why.isEmpty()) {
            out.put("token", token);
        }
        ArrayNode items = out.putArray("pending");
        java.util.List<Approval> pending;
        try {
            pending = desk.orElse(reader).pendingApprovals();
        } catch (RuntimeException e) {
            pending = java.util.List.of(); // a store from before approvals existed has none
        }
        for (Approval a : pending) {
            items.addObject().put("id", a.id()).put("run", a.runId()).put("episode", a.episodeId()).put("kind", a.kind()).put("turn", a.turn())
                    .put("subject", a.subject()).put("created", a.createdAt().toString()).put("deadline", a.deadline().toString());
        }
        return out;
    }

    ObjectNode decide(Context ctx, String id, String viewerUrl) {
        Optional<String> why = whyNot();
        if (why.isPresent()) {
            throw new BadRequest(403, why.get());
        }
        String given = ctx.header(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new BadRequest(403, "missing or wrong " + TOKEN_HEADER + ": answers come only from this viewer's own page");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origins.contains(origin.toLowerCase(java.util.Locale.ROOT))) {
            throw new BadRequest(403, "an answer from another origin (" + origin + ") is refused");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw new BadRequest(403, "an answer from another site (Sec-Fetch-Site: " + site + ") is refused");
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw BadRequest.invalid("an answer is JSON ({\"decision\": \"approve\"} or \"deny\")");
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (java.io.IOException e) {
            throw BadRequest.invalid("an answer is JSON: " + e.getMessage());
        }
        String decision = body == null ? "" : body.path("decision").asText("");
        if (!decision.equals("approve") && !decision.equals("deny")) {
            throw BadRequest.invalid("decision is approve or deny, not '" + decision + "'");
        }
        String by = "a person at offswitch view (" + viewerUrl + ")";
        boolean taken = desk.orElseThrow().decideApproval(id, decision.equals("approve"), by);
        if (!taken) {
            String state = desk.get().approval(id).map(Approval::state).orElse("unknown");
            throw new BadRequest(409, "approval " + id + " can no longer be answered (it is " + state + ")");
        }
        return Json.mapper().createObjectNode().put("id", id).put("decision", decision).put("by", by);
    }
}
