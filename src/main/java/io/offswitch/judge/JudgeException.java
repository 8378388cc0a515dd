package io.offswitch.judge;

/** A judge could not give a judgement (its model failed, its reply named no valid label). */
public final class JudgeException extends Exception {
    public JudgeException(String message) {
        super(message);
    }

    public JudgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
