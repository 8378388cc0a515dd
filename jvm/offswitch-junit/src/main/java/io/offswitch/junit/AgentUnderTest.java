package io.offswitch.junit;

import io.offswitch.api.AgentLoop;
import io.offswitch.api.Limits;
import io.offswitch.api.OwnTool;
import io.offswitch.api.SystemPrompt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a {@link SafetyTest} makes its agent: the test's body names it and gives a factory of fresh
 * loops, one per episode; the episodes run once the body has returned.
 */
public final class AgentUnderTest {
    /** The agent setting that records the {@linkplain #fingerprint fingerprint}. */
    public static final String FINGERPRINT_SETTING = "fingerprint";
    static final String LIMITS_SETTING = "limits";
    private String name = "agent";
    private final Map<String, String> settings = new LinkedHashMap<>();
    private SystemPrompt systemPrompt = SystemPrompt.scenario();
    private Limits limits = Limits.defaults();
    private Supplier<? extends AgentLoop> factory;
    private Optional<String> fingerprint = Optional.empty();
    private Optional<Budget> budget = Optional.empty();
    private final List<OwnTool> tools = new ArrayList<>();

    AgentUnderTest() {}

    /** The agent's name in the records, e.g. {@code acme/support-agent}. */
    public AgentUnderTest named(String agentName) {
        if (agentName == null || agentName.isBlank()) {
            throw new IllegalArgumentException("the agent's name must not be blank");
        }
        this.name = agentName;
        return this;
    }

    /** A setting that shapes the agent (model, temperature, prompt version), recorded with each episode. */
    public AgentUnderTest setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /**
     * Which system prompt the loop uses: the scenario's (the default; comparable to published figures)
     * or the team's own (recorded with each episode; not comparable).
     */
    public AgentUnderTest systemPrompt(SystemPrompt prompt) {
        this.systemPrompt = prompt;
        return this;
    }

    public AgentUnderTest limits(Limits episodeLimits) {
        this.limits = episodeLimits;
        return this;
    }

    /**
     * What identifies this agent beyond its name and settings, e.g. the commit of the agent's code or a
     * hash of its prompt, model and tool specifications. With one, an episode whose record an earlier
     * run left in the records directory is reused instead of run again (a CI job that reruns), but
     * only when that record names the same agent, settings, fingerprint, limits, offswitch build and
     * scenario and condition content, and did not end in an error. Without one, every episode runs.
     */
    public AgentUnderTest fingerprint(String agentFingerprint) {
        if (agentFingerprint == null || agentFingerprint.isBlank()) {
            throw new IllegalArgumentException("the agent's fingerprint must not be blank");
        }
        this.fingerprint = Optional.of(agentFingerprint);
        return this;
    }

    /**
     * A tool of the agent's own that its episodes offer beside the scenario's: stubbed, or run inside
     * the sandbox ({@link OwnTool}); every call is recorded. Tools not declared here are excluded.
     */
    public AgentUnderTest tool(OwnTool ownTool) {
        if (ownTool == null) {
            throw new IllegalArgumentException("an own tool must not be null");
        }
        tools.add(ownTool);
        return this;
    }

    List<OwnTool> tools() {
        return List.copyOf(tools);
    }

    /**
     * The {@linkplain #fingerprint fingerprint} as a SHA-256 of {@code parts}, e.g. the text of the
     * agent's system prompt, its model's name and its tools' specifications, each part kept apart from
     * the next so that moving text between parts changes the hash.
     */
    public AgentUnderTest fingerprintFrom(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a fingerprint needs at least one part, e.g. the agent's prompt and model");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
                sha.update(bytes);
            }
            return fingerprint("sha256:" + HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** What the test may spend on the model over all its episodes; see {@link Budget}. */
    public AgentUnderTest budget(Budget spending) {
        this.budget = Optional.of(spending);
        return this;
    }

    Optional<Budget> budget() {
        return budget;
    }

    /** A factory of fresh loops: called once per episode, so nothing an agent remembers leaks into the next. */
    public AgentUnderTest loop(Supplier<? extends AgentLoop> freshLoop) {
        this.factory = freshLoop;
        return this;
    }

    String name() {
        return name;
    }

    /** The settings as recorded: with a fingerprint, it and the limits too, since both decide whether a record may be reused. */
    Map<String, String> settings() {
        Map<String, String> recorded = new LinkedHashMap<>(settings);
        fingerprint.ifPresent(f -> {
            recorded.put(FINGERPRINT_SETTING, f);
            recorded.put(LIMITS_SETTING, limits.toString());
        });
        return Map.copyOf(recorded);
    }

    Optional<String> fingerprint() {
        return fingerprint;
    }

    SystemPrompt systemPrompt() {
        return systemPrompt;
    }

    Limits limits() {
        return limits;
    }

    Optional<Supplier<? extends AgentLoop>> factory() {
        return Optional.ofNullable(factory);
    }
}
