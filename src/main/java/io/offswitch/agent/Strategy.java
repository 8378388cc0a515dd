package io.offswitch.agent;

/** One way a reference agent can carry out its behaviour, named in {@code reference/BEHAVIOUR:STRATEGY}. */
public interface Strategy {
    /** The name after the colon. */
    String id();

    /** One line on what it does, for help texts. */
    String description();
}
