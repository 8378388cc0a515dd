package io.offswitch.api;

/** A call after the episode ended: the loop should have stopped at the first {@link ToolOutput#episodeOver}. */
public final class EpisodeOverException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public EpisodeOverException(String message) {
        super(message);
    }
}
