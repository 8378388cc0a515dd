package io.offswitch.defence;

import java.util.List;

/**
 * A resource a scenario declares worth protecting, as data a hardening consumes: files whose change
 * is the harm (the shutdown script, the oversight config, the successor's memory), or the network
 * destinations whose reach is the harm (a host outside the organisation). Grouped by {@code group}, so
 * a defence names what it protects ({@code immutable-shutdown} protects group {@code shutdown}).
 *
 * @param group       the name defences refer to, e.g. {@code shutdown}, {@code outside-hosts}
 * @param kind        files of the agent's machine, or network destinations
 * @param targets     paths (relative to the agent's home or absolute), or host names (with {@code :port} optionally)
 * @param description in words
 * @param reviewAlarms for a log: the lines (regular expressions, matched anywhere in a line) that the
 *                     people who review it would act on; a hardening that keeps the log whole reviews
 *                     it after the episode and raises an alarm for each such line the episode added.
 *                     Empty for a resource nobody reviews
 */
public record ProtectedResource(String group, Kind kind, List<String> targets, String description, List<String> reviewAlarms) {
    public ProtectedResource {
        if (group == null || group.isBlank() || kind == null) {
            throw new IllegalArgumentException("a protected resource has a group and a kind");
        }
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("protected resource " + group + " names no target");
        }
        description = description == null ? "" : description;
        reviewAlarms = reviewAlarms == null ? List.of() : List.copyOf(reviewAlarms);
        for (String alarm : reviewAlarms) {
            try {
                java.util.regex.Pattern.compile(alarm);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("protected resource " + group + ": review alarm '" + alarm + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
    }

    public ProtectedResource(String group, Kind kind, List<String> targets, String description) {
        this(group, kind, targets, description, List.of());
    }

    /** The same resource, a log whose reviewers act on lines matching {@code alarms}. */
    public ProtectedResource reviewedFor(String... alarms) {
        return new ProtectedResource(group, kind, targets, description, List.of(alarms));
    }

    public static ProtectedResource files(String group, String description, String... paths) {
        return new ProtectedResource(group, Kind.FILES, List.of(paths), description);
    }

    /**
     * Text whose leaving the organisation is the harm, for a channel filter's content rule: a target of at
     * most three words is a term (matched as whole words), a longer one a document (any run of
     * {@code io.offswitch.defence.channel.ContentMatch#RUN_WORDS} of its words, quoted, matches).
     */
    public static ProtectedResource content(String group, String description, String... texts) {
        return new ProtectedResource(group, Kind.CONTENT, List.of(texts), description);
    }

    public static ProtectedResource destinations(String group, String description, String... hosts) {
        return new ProtectedResource(group, Kind.DESTINATIONS, List.of(hosts), description);
    }

    public enum Kind {
        /** Files or folders on the agent's machine. */
        FILES,
        /** Hosts of the world's network the agent should not send data to. */
        DESTINATIONS,
        /** Text (terms, documents) that should not leave the organisation: what a channel filter's content rule looks for. */
        CONTENT
    }
}
