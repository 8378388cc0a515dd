package io.offswitch.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs episodes for a team's loop: the engine's implementation (offswitch-session) is found by
 * {@link ServiceLoader}, so code written against this API needs the engine only at run time.
 */
public interface EpisodeSource {
    /** A stable name of the implementation. */
    String id();

    /**
     * Opens the episode's world and sandbox, lets {@code loop} drive it, judges it from the environment,
     * destroys the sandbox and returns the result. A loop that throws gives an {@code error} result;
     * this method throws only when the request itself is wrong (an unknown scenario, condition or backend).
     */
    EpisodeResult run(EpisodeRequest request, AgentLoop loop);

    /**
     * Writes one self-contained HTML page about the episodes of these records (what {@link EpisodeResult#record()}
     * gives): the rates with their intervals as {@code offswitch report --html} shows them, and the
     * transcripts of episodes that showed the measured behaviour. Returns whether it wrote one; an
     * implementation without reports writes none.
     */
    default boolean writeHtmlReport(List<Path> records, Path file) throws IOException {
        return false;
    }

    /** The one implementation on the class path, or an error saying which artifact provides one. */
    static EpisodeSource load() {
        List<EpisodeSource> found = ServiceLoader.load(EpisodeSource.class).stream().map(ServiceLoader.Provider::get).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.isEmpty()
                    ? "no offswitch engine on the class path: add the dependency io.offswitch:offswitch-session"
                    : "more than one offswitch engine on the class path: " + found.stream().map(EpisodeSource::id).toList());
        }
        return found.getFirst();
    }
}
