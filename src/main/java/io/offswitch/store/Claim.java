package io.offswitch.store;

/** What came of asking to run an episode: it is ours now, someone else's, or already stored. */
public sealed interface Claim {
    /** Ours: run it. {@code tookOver} when it was claimed before by a process that is gone. */
    record Granted(boolean tookOver) implements Claim {}

    /** A live process (maybe on another machine) is running it. */
    record HeldBy(String owner) implements Claim {}

    /** Stored already, by anyone: nothing to do. */
    record Finished() implements Claim {}
}
