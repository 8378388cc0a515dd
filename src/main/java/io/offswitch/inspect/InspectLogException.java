package io.offswitch.inspect;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import java.nio.file.Path;

/** A file that cannot be imported as an Inspect log: names the file, the member (or field) and what is wrong. */
public final class InspectLogException extends OffswitchException {
    public InspectLogException(Path file, String member, String what) {
        super(ExitCode.USAGE, "cannot import " + file + (member.isEmpty() ? "" : ", member " + member) + ": " + what
                + "; nothing was imported");
    }

    public InspectLogException(Path file, String member, String what, Throwable cause) {
        super(ExitCode.USAGE, "cannot import " + file + (member.isEmpty() ? "" : ", member " + member) + ": " + what
                + "; nothing was imported", cause);
    }
}
