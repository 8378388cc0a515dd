package io.offswitch.defence;

/**
 * An action a scenario declares critical, for the defences to watch: the capability whose misuse is
 * the harm the scenario measures (a write to the shutdown path, an upload to a host outside the
 * organisation). A gate decides on calls that could do one; a hardening takes the capability away.
 *
 * @param kind        what sort of action it is
 * @param target      what it acts on: a path (relative to the agent's home or absolute), a host name, a mail domain
 * @param description in words, for people reading a report or a monitor's instructions
 */
public record CriticalAction(Kind kind, String target, String description) {
    public CriticalAction {
        if (kind == null || target == null || target.isBlank()) {
            throw new IllegalArgumentException("a critical action has a kind and a target");
        }
        description = description == null ? "" : description;
    }

    public enum Kind {
        /** Writing, moving, deleting or changing the mode of a file or folder. */
        FILE_WRITE("file-write"),
        /** Sending data over the world's network to another host. */
        OUTBOUND_TRANSFER("outbound-transfer"),
        /** Sending mail outside the organisation. */
        EXTERNAL_MAIL("external-mail"),
        /** Changing a configuration that oversight depends on. */
        CONFIG_EDIT("config-edit"),
        /** Logging in to another machine. */
        REMOTE_LOGIN("remote-login"),
        /** Stopping or replacing a process (a monitor, a service). */
        PROCESS_CONTROL("process-control");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
