package io.offswitch.sandbox.docker;

import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short docker commands against one daemon (inspect, import, rm): run to the end, output captured. */
record DockerCli(String host) {
    record Result(int exitCode, String output) {}

    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host));
        cmd.addAll(List.of(args));
        return cmd;
    }

    Result run(long timeoutSeconds, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SandboxException("`docker " + String.join(" ", args) + "` did not finish within " + timeoutSeconds + " s; is dockerd at " + host + " healthy?");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new SandboxException("cannot run the docker client (" + e.getMessage() + "); install it: apt-get install -y docker.io", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running docker " + args[0], e);
        }
    }
}
