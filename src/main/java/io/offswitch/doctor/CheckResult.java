package io.offswitch.doctor;

import java.util.Objects;

/**
 * The outcome of one doctor check.
 *
 * @param name   short name of what was checked, e.g. {@code bubblewrap sandbox}
 * @param status OK, WARN (works with less containment or realism) or FAIL (offswitch cannot run)
 * @param detail what was found, in one or two lines
 * @param fix    the exact command or step that fixes it; empty when the status is OK
 */
public record CheckResult(String name, Status status, String detail, String fix) {
    public enum Status { OK, WARN, FAIL }

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }

    public boolean ok() {
        return status == Status.OK;
    }

    static CheckResult ok(String name, String detail) {
        return new CheckResult(name, Status.OK, detail, "");
    }

    static CheckResult warn(String name, String detail, String fix) {
        return new CheckResult(name, Status.WARN, detail, fix);
    }

    static CheckResult fail(String name, String detail, String fix) {
        return new CheckResult(name, Status.FAIL, detail, fix);
    }
}
