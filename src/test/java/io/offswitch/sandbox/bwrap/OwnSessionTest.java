package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sandbox's host process is in a session and process group of its own, so Ctrl-C, which the terminal
 * sends to its whole foreground group, reaches the harness and not its sandboxes (they used to die of
 * it first, and their episodes were stored as errors).
 */
class OwnSessionTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offswitch.sandbox.bwrap.ContainmentTarget#all")
    void theHostProcessOfASandboxLeadsASessionOfItsOwn(ContainmentTarget target) throws IOException {
        long harnessGroup = stat(ProcessHandle.current().pid()).get(2);
        List<Long> before = children();
        try (Sandbox sandbox = target.backend().create(new SandboxSpec("devbox-7", "user", List.of(), List.of(), Limits.defaults()))) {
            List<ProcessHandle> started = ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).toList();
            assertThat(started).as("the sandbox's host process").isNotEmpty();
            for (ProcessHandle p : started) {
                List<Long> stat = stat(p.pid());
                long group = stat.get(2);
                long session = stat.get(3);
                assertThat(group).as("process group of %s", p.info().command().orElse("?")).isNotEqualTo(harnessGroup).isEqualTo(p.pid());
                assertThat(session).as("session of %s", p.info().command().orElse("?")).isEqualTo(p.pid());
            }
            assertThat(sandbox.isUp()).isTrue();
        }
    }

    private static List<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).toList();
    }

    /** Fields 3 on of /proc/PID/stat (state, ppid, pgrp, session...), after the command name, as numbers where they are. */
    private static List<Long> stat(long pid) throws IOException {
        String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state letter; then ppid, pgrp, session.
        return List.of(0L, Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]));
    }
}
