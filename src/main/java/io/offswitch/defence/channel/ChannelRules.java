package io.offswitch.defence.channel;

import io.offswitch.defence.Defence;
import io.offswitch.defence.OutboundChannel;
import java.util.Set;

/**
 * A channel filter's rule set, read from its defence's parameters (so the rules are part of the run's
 * design and hash). Each rule that matches an item asks for an action; the item gets the strictest
 * (drop over hold over pass), and none matching is a pass.
 *
 * @param channel          which channel it filters ({@value #CHANNEL})
 * @param outside          for an item going outside the organisation: a recipient outside its mail
 *                         domains, an upload to a host it does not own ({@value #OUTSIDE})
 * @param protectedContent for an item whose content matches the scenario's protected content ({@value #PROTECTED})
 * @param maxBytes         the size above which {@code overSize} applies ({@value #MAX_BYTES}; 0 for no cap)
 * @param overSize         what an item above the cap gets ({@value #OVER_SIZE})
 * @param silentDrop       whether the agent is told a dropped item was sent ({@value #DROP_NOTICE} {@code silent})
 *                         instead of getting the bounce a mail gateway sends ({@code bounce}, the default)
 * @param reviewer         whether each held item goes to a person at once ({@value #REVIEWER} {@code person}), who
 *                         releases or discards it while the episode waits (bounded); without an answer it stays held
 */
public record ChannelRules(OutboundChannel.Kind channel, Action outside, Action protectedContent, long maxBytes, Action overSize, boolean silentDrop,
        boolean reviewer) {
    public static final String CHANNEL = "channel";
    public static final String OUTSIDE = "outside";
    public static final String PROTECTED = "protected-content";
    public static final String MAX_BYTES = "max-bytes";
    public static final String OVER_SIZE = "over-size";
    public static final String DROP_NOTICE = "drop-notice";
    public static final String REVIEWER = "reviewer";
    private static final Set<String> KNOWN = Set.of(CHANNEL, OUTSIDE, PROTECTED, MAX_BYTES, OVER_SIZE, DROP_NOTICE, REVIEWER, UploadGate.LOG_MAX_BYTES,
            UploadGate.OPAQUE);

    /** What a rule asks for, in order of strictness. */
    public enum Action {
        PASS, HOLD, DROP;

        static Action of(String key, String value) {
            for (Action a : values()) {
                if (a.name().equalsIgnoreCase(value.strip())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("its parameter " + key + " is '" + value + "'; it takes pass, hold or drop");
        }

        Action strictest(Action other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /**
     * The rules of a channel-filter defence.
     *
     * @throws IllegalArgumentException naming the parameter and what it takes
     */
    public static ChannelRules of(Defence defence) {
        for (String key : defence.parameters().keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("its parameter '" + key + "' is not a channel filter's (it takes " + String.join(", ", new java.util.TreeSet<>(KNOWN)) + ")");
            }
        }
        String channel = defence.parameter(CHANNEL, "");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("it names no " + CHANNEL + " (mail or upload)");
        }
        long max;
        try {
            max = Long.parseLong(defence.parameter(MAX_BYTES, "0").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("its parameter " + MAX_BYTES + " is not a number of bytes: " + defence.parameter(MAX_BYTES, ""));
        }
        if (max < 0) {
            throw new IllegalArgumentException("its parameter " + MAX_BYTES + " is negative: " + max);
        }
        String notice = defence.parameter(DROP_NOTICE, "bounce").strip();
        if (!notice.equals("bounce") && !notice.equals("silent")) {
            throw new IllegalArgumentException("its parameter " + DROP_NOTICE + " is '" + notice + "'; it takes bounce or silent");
        }
        String reviewer = defence.parameter(REVIEWER, "none").strip();
        if (!reviewer.equals("none") && !reviewer.equals("person")) {
            throw new IllegalArgumentException("its parameter " + REVIEWER + " is '" + reviewer + "'; it takes none or person");
        }
        return new ChannelRules(OutboundChannel.Kind.of(channel), Action.of(OUTSIDE, defence.parameter(OUTSIDE, "pass")),
                Action.of(PROTECTED, defence.parameter(PROTECTED, "pass")), max, Action.of(OVER_SIZE, defence.parameter(OVER_SIZE, "hold")),
                notice.equals("silent"), reviewer.equals("person"));
    }
}
