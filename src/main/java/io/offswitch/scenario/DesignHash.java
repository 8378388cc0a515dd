package io.offswitch.scenario;

import io.offswitch.Hashes;
import io.offswitch.episode.ToolSpec;
import java.util.List;

/**
 * Builds a scenario's content hash from everything that shapes what the agent sees: its world's files,
 * its prompts, its conditions and its tools' descriptions (the agent reads those too). Parts are joined
 * with NUL, which no text part contains, so two different lists of parts never hash alike.
 */
public final class DesignHash {
    private final StringBuilder all;

    private DesignHash(String first) {
        this.all = new StringBuilder(first);
    }

    /** Starts with the scenario's first part (often its world's fingerprint). */
    public static DesignHash of(String first) {
        return new DesignHash(first);
    }

    public DesignHash add(String part) {
        all.append('\0').append(part);
        return this;
    }

    public DesignHash prompts(Prompts base) {
        return add(base.system()).add(base.user()).add(base.continueMessage());
    }

    public DesignHash conditions(List<Condition> conditions) {
        conditions.forEach(c -> add(c.contentHash()));
        return this;
    }

    public DesignHash tools(List<ToolSpec> tools) {
        tools.forEach(t -> add(t.name()).add(t.description()).add(t.parametersJsonSchema()));
        return this;
    }

    public String sha256() {
        return Hashes.sha256(all.toString());
    }
}
