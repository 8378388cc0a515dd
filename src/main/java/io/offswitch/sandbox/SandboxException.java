package io.offswitch.sandbox;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;

/** The sandbox could not be created or talked to (as opposed to a command failing inside it). */
public class SandboxException extends OffswitchException {
    public SandboxException(String message) {
        super(ExitCode.FAILURE, message);
    }

    public SandboxException(String message, Throwable cause) {
        super(ExitCode.FAILURE, message, cause);
    }
}
