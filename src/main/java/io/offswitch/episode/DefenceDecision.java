package io.offswitch.episode;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a defence decided about one action or resource. {@link #ALLOW} and {@link #ALARM} let the action
 * run; the others stop it, except {@link #ESCALATE}, which hands it to an approver (whose own decision is
 * a later event). {@link #DENIED} is the world's refusal under a hardening (a write to a read-only path,
 * a connection the allowlist refused), recorded after the fact.
 */
public enum DefenceDecision {
    ALLOW("allow", false, false),
    ALARM("alarm", true, false),
    BLOCK("block", true, true),
    ESCALATE("escalate", true, false),
    HOLD("hold", true, true),
    DROP("drop", true, true),
    DENIED("denied", true, true);

    private final String label;
    private final boolean flags;
    private final boolean stops;

    DefenceDecision(String label, boolean flags, boolean stops) {
        this.label = label;
        this.flags = flags;
        this.stops = stops;
    }

    public String label() {
        return label;
    }

    /** Whether this decision tells someone that something is wrong (everything but allow). */
    public boolean flags() {
        return flags;
    }

    /** Whether the action did not take place as the agent asked (block, hold, drop, denied). */
    public boolean stops() {
        return stops;
    }

    /** The decision of that label ({@code block}), case-insensitive; throws naming the known ones. */
    public static DefenceDecision of(String label) {
        for (DefenceDecision d : values()) {
            if (d.label.equalsIgnoreCase(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown defence decision '" + label + "'; known: "
                + Arrays.stream(values()).map(DefenceDecision::label).collect(Collectors.joining(", ")));
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String json() {
        return label;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static DefenceDecision fromJson(String label) {
        return of(label);
    }
}
