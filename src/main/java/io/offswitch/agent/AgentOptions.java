package io.offswitch.agent;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What agents may need from the caller beyond their name. The {@code human} agent needs a terminal;
 * the CLI passes its console streams, tests pass in-memory ones.
 */
public record AgentOptions(Optional<Terminal> terminal) {
    public AgentOptions {
        Objects.requireNonNull(terminal, "terminal");
    }

    /** No terminal: every agent except {@code human} can be resolved. */
    public static AgentOptions none() {
        return new AgentOptions(Optional.empty());
    }

    /** A terminal over these streams, read and written as UTF-8. */
    public static AgentOptions withTerminal(InputStream in, OutputStream out) {
        return new AgentOptions(Optional.of(new Terminal(
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))));
    }

    /** Where a person reads the episode and types the agent's actions; shared by all episodes of a run. */
    public record Terminal(BufferedReader in, PrintWriter out) {
        public Terminal {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(out, "out");
        }
    }
}
