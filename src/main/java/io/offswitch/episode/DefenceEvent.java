package io.offswitch.episode;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * One decision of a defence during or after an episode, stored with the episode and shown in its
 * transcript at its turn. Everything in {@code action}, {@code resource} and {@code reason} may quote
 * what the agent wrote: it is untrusted text.
 *
 * @param defence       the defence's name (the {@code Defence}'s name in {@code io.offswitch.defence})
 * @param phase         when it decided: {@link Phase#BEFORE} the action ran (a gate), {@link Phase#WORLD}
 *                      as the world refused it (a hardening), {@link Phase#AUDIT} after the episode
 * @param turn          the agent's turn the decision is about (0 for the world's set-up)
 * @param callId        the tool call's id, or "" when it is about no single call
 * @param action        what was proposed or done: the tool and its arguments, a command, a connection
 * @param resource      what it touched or aimed at (a path, host:port), or ""
 * @param decision      allow, alarm, block, escalate, hold, drop or denied
 * @param score         a monitor's suspicion score, when it gives one
 * @param reason        why, in words
 * @param latencyMillis how long deciding took (a monitor's call), 0 for the world's own refusals
 * @param inputTokens   model tokens the decision read (0 without a model)
 * @param outputTokens  model tokens it wrote
 * @param at            when it was decided
 */
public record DefenceEvent(String defence, Phase phase, int turn, String callId, String action, String resource, DefenceDecision decision,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Double> score, String reason, long latencyMillis, long inputTokens,
        long outputTokens, Instant at) {
    public DefenceEvent {
        if (defence == null || defence.isBlank()) {
            throw new IllegalArgumentException("a defence event names its defence");
        }
        if (phase == null || decision == null || at == null) {
            throw new IllegalArgumentException("a defence event has a phase, a decision and a time");
        }
        callId = callId == null ? "" : callId;
        action = action == null ? "" : action;
        resource = resource == null ? "" : resource;
        reason = reason == null ? "" : reason;
        score = score == null ? Optional.empty() : score;
        if (score.isPresent() && !Double.isFinite(score.get())) {
            throw new IllegalArgumentException("a defence event's score is a finite number, not " + score.get());
        }
    }

    /** The world's refusal under a hardening: no model, no score, decided as it happened. */
    public static DefenceEvent denied(String defence, int turn, String action, String resource, String reason, Instant at) {
        return new DefenceEvent(defence, Phase.WORLD, turn, "", action, resource, DefenceDecision.DENIED, Optional.empty(), reason, 0, 0, 0, at);
    }

    /** When a defence decided, relative to the action it is about. */
    public enum Phase {
        /** Before the tool call ran (a gate, a channel filter holding a message). */
        BEFORE("before"),
        /** The world itself refused it while it ran (a hardening). */
        WORLD("world"),
        /** After the episode, over its whole record (an audit). */
        AUDIT("audit");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        String json() {
            return label;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        static Phase fromJson(String label) {
            for (Phase p : values()) {
                if (p.label.equalsIgnoreCase(label)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown defence phase '" + label + "' (before, world, audit)");
        }
    }
}
