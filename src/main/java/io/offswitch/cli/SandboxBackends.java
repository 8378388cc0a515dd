package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.doctor.Doctor;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.sandbox.docker.DockerBackend;

/** The backends `--sandbox` accepts; the chosen one's id is recorded with every episode. */
final class SandboxBackends {
    static final String NAMES = "bwrap, docker";

    private SandboxBackends() {}

    /** Checks the name before anything runs; the backend itself is made by {@link #create}. */
    static void check(String name) {
        if (!name.equals("bwrap") && !name.equals("docker")) {
            throw OffswitchException.usage("unknown sandbox backend '" + name + "'; valid backends: " + NAMES);
        }
    }

    /** docker uses the daemon at $OFFSWITCH_DOCKER_HOST, else $DOCKER_HOST, else Docker's default socket. */
    static SandboxBackend create(String name) {
        check(name);
        if (name.equals("docker")) {
            return new DockerBackend();
        }
        Doctor.requireSandboxSupport();
        return new BwrapBackend();
    }
}
