package io.offswitch.judge;

import io.offswitch.episode.Usage;

/**
 * A judge could not give a judgement (its model failed, its reply named no valid label). Whatever the
 * judge's model did reply is kept ({@link #reply}, {@link #usage}), so that the {@code error}
 * judgement it becomes still shows what was said and what it cost.
 */
public final class JudgeException extends Exception {
    private final String reply;
    private final Usage usage;
    private final boolean refusesEveryCall;

    public JudgeException(String message) {
        this(message, "", Usage.NONE, false, null);
    }

    public JudgeException(String message, Throwable cause) {
        this(message, "", Usage.NONE, false, cause);
    }

    private JudgeException(String message, String reply, Usage usage, boolean refusesEveryCall, Throwable cause) {
        super(message, cause);
        this.reply = reply == null ? "" : reply;
        this.usage = usage == null ? Usage.NONE : usage;
        this.refusesEveryCall = refusesEveryCall;
    }

    /** The judge's model replied, but its reply cannot be read as one label. */
    public static JudgeException unreadable(String why, String reply, Usage usage) {
        return new JudgeException(why, reply, usage, false, null);
    }

    /** The judge's provider refuses every call (bad key, unknown model): judging anything else is pointless. */
    public static JudgeException refused(String message) {
        return new JudgeException(message, "", Usage.NONE, true, null);
    }

    /** The judge's reply as received (empty when it gave none); model output, untrusted. */
    public String reply() {
        return reply;
    }

    public Usage usage() {
        return usage;
    }

    /** Whether every further call of this judge would fail the same way. */
    public boolean refusesEveryCall() {
        return refusesEveryCall;
    }
}
