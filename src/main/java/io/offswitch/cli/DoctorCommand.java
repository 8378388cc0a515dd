package io.offswitch.cli;

import io.offswitch.ExitCode;
import io.offswitch.doctor.CheckResult;
import io.offswitch.doctor.Doctor;
import io.offswitch.sandbox.bwrap.Leftover;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check what works on this machine and how to fix what does not.")
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--cleanup", description = "First remove what crashed runs left behind: sandbox directories, their processes,"
            + " mounts and cgroups (sandboxes of running harnesses are not touched).")
    boolean cleanup;

    /** Containers of killed harnesses, when a Docker daemon is reachable; none otherwise. */
    private static List<String> orphanContainers() {
        try {
            return new io.offswitch.sandbox.docker.DockerBackend().removeOrphans();
        } catch (RuntimeException e) {
            return List.of(); // no docker client or daemon here: nothing of ours can be running there
        }
    }

    @Override
    public Integer call() {
        if (cleanup) {
            List<Leftover> removed = Doctor.cleanup();
            for (Leftover l : removed) {
                System.out.println("removed " + l);
            }
            List<String> containers = orphanContainers();
            containers.forEach(c -> System.out.println("removed docker container " + c));
            System.out.println(removed.isEmpty() && containers.isEmpty() ? "Nothing to clean up.\n"
                    : "Removed " + (removed.isEmpty() ? "" : Doctor.describe(removed)) + (removed.isEmpty() || containers.isEmpty() ? "" : ", ")
                            + (containers.isEmpty() ? "" : containers.size() + " docker container(s)") + ".\n");
        }
        List<CheckResult> checks = Doctor.checks();
        for (CheckResult c : checks) {
            System.out.printf("%-5s %-22s %s%n", c.status(), c.name(), c.detail());
            if (!c.ok() && !c.fix().isBlank()) {
                System.out.printf("      %-22s fix: %s%n", "", c.fix());
            }
        }
        boolean failed = checks.stream().anyMatch(c -> c.status() == CheckResult.Status.FAIL);
        System.out.println(failed ? "\nSome requirements are missing: see the fixes above." : "\nThis machine can run offswitch.");
        return failed ? ExitCode.ENVIRONMENT.code() : ExitCode.OK.code();
    }
}
