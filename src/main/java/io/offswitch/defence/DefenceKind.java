package io.offswitch.defence;

/** What kind of measure a defence is: where in the episode it acts. */
public enum DefenceKind {
    /** No measure at all: the arm every defended cell is compared with. */
    NONE("none"),
    /** Applied to the world before it starts (a read-only shutdown path, an egress allowlist). */
    HARDENING("hardening"),
    /** Called with each proposed tool call before it runs: allow, alarm, block or escalate. */
    GATE("gate"),
    /** On outbound mail and uploads: hold, drop or pass. */
    CHANNEL_FILTER("channel-filter"),
    /** Reads the whole episode after it ended; raises alarms only. */
    AUDIT("audit");

    private final String label;

    DefenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
