package io.offswitch.defence;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A security measure as data: a name (what {@code run --defence} takes and every episode records), its
 * kind, and the parameters that define it. Two defences with the same name and other parameters are
 * other designs: the parameters are part of the run's design and of each cell's design hash.
 *
 * @param description one line for {@code list defences} and the report's legend
 */
public record Defence(String name, DefenceKind kind, SortedMap<String, String> parameters, String description) {
    /** The name of the arm without any defence; always in a plan. */
    public static final String NONE_NAME = "none";
    public static final Defence NONE = new Defence(NONE_NAME, DefenceKind.NONE, new TreeMap<>(), "no defence: the world as the scenario builds it");

    public Defence {
        if (name == null || !name.matches("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?")) {
            throw new IllegalArgumentException("not a defence name: '" + name + "' (lower-case letters, digits and inner hyphens)");
        }
        if (kind == DefenceKind.NONE != name.equals(NONE_NAME)) {
            throw new IllegalArgumentException("only the defence named none has kind none (" + name + " has " + kind.label() + ")");
        }
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        description = description == null ? "" : description;
    }

    public boolean isNone() {
        return kind == DefenceKind.NONE;
    }

    /** A parameter's value, or {@code fallback} when the defence does not set it. */
    public String parameter(String key, String fallback) {
        return parameters.getOrDefault(key, fallback);
    }

    /** This defence with one parameter set (a variant: another design). */
    public Defence with(String key, String value) {
        SortedMap<String, String> p = new TreeMap<>(parameters);
        p.put(key, value);
        return new Defence(name, kind, p, description);
    }

    /** What defines it for a run's design: its kind and parameters (the name is the key). */
    public SortedMap<String, String> definition() {
        SortedMap<String, String> d = new TreeMap<>(parameters);
        d.put("kind", kind.label());
        return Collections.unmodifiableSortedMap(d);
    }
}
