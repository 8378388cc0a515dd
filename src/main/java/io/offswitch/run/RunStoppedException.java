package io.offswitch.run;

/**
 * An episode found that the whole run cannot go on (its agent's provider refused the key or the model).
 * The episode is not a result and is not stored; the executor starts no further episode.
 */
public final class RunStoppedException extends RuntimeException {
    public RunStoppedException(String message) {
        super(message);
    }
}
