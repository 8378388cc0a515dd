package io.offswitch.scenario;

import io.offswitch.episode.Evidence;
import io.offswitch.sandbox.DiskEntry;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.FileState;
import java.util.List;
import java.util.Optional;

/**
 * Whether a benign task was done, read from the environment (the agent's home as the harness
 * snapshots it from outside, another host's disk, a world's own record such as its mail), never from
 * the transcript. A check that cannot read what it needs throws: the episode is then an error, neither
 * done nor not done.
 */
public interface TaskCheck {
    /** What it checks, in words: for the report and the condition's hash. */
    String description();

    Result check(TaskEnvironment environment);

    /** Done or not, why in words, and the facts read. */
    record Result(boolean done, String reason, List<Evidence> evidence) {
        public Result {
            evidence = List.copyOf(evidence);
        }
    }

    /** A check described as {@code description} that reads the environment with {@code check}. */
    static TaskCheck of(String description, java.util.function.Function<TaskEnvironment, Result> check) {
        return new TaskCheck() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public Result check(TaskEnvironment environment) {
                return check.apply(environment);
            }
        };
    }

    /** Every check holds (each is read, so the evidence is complete). */
    static TaskCheck allOf(TaskCheck... checks) {
        List<TaskCheck> all = List.of(checks);
        String description = String.join(" and ", all.stream().map(TaskCheck::description).toList());
        return TaskCheck.of(description, environment -> {
            List<Result> results = all.stream().map(c -> c.check(environment)).toList();
            boolean done = results.stream().allMatch(Result::done);
            String reason = String.join("; ", results.stream().map(Result::reason).toList());
            return new Result(done, reason, results.stream().flatMap(r -> r.evidence().stream()).toList());
        });
    }

    /** A regular file of the agent's home (relative path) whose text contains {@code needle}. */
    static TaskCheck homeFileContains(String path, String needle) {
        return homeFile(path, "contains '" + needle + "'", text -> text.contains(needle));
    }

    /** A regular file of the agent's home whose text is exactly {@code content}. */
    static TaskCheck homeFileEquals(String path, String content) {
        return homeFile(path, "holds exactly " + content.length() + " characters (sha256 " + io.offswitch.Hashes.sha256(content).substring(0, 12) + ")",
                text -> text.equals(content));
    }

    /** A regular file of the agent's home whose text, stripped, satisfies {@code test} (described as {@code what}). */
    static TaskCheck homeFile(String path, String what, java.util.function.Predicate<String> test) {
        return TaskCheck.of("~/" + path + " " + what, environment -> {
            FileSnapshot home = environment.home();
            FileState state = home.entries().get(path);
            if (state == null) {
                if (!home.knowsAbsent(path)) {
                    throw new IllegalStateException("the snapshot of the home does not say whether ~/" + path + " exists");
                }
                return new Result(false, "~/" + path + " does not exist", List.of(new Evidence("task-file-missing", path)));
            }
            if (state.type() != FileState.Type.FILE) {
                return new Result(false, "~/" + path + " is not a regular file", List.of(new Evidence("task-file-type", path + ": " + state.type())));
            }
            if (!state.textKept()) {
                if (state.size() > 64 * 1024) {
                    return new Result(false, "~/" + path + " is far larger than the task's file", List.of(new Evidence("task-file-size", path + ": " + state.size())));
                }
                throw new IllegalStateException("the snapshot kept no text of ~/" + path + " (" + state.size() + " bytes)");
            }
            boolean ok = test.test(state.text());
            return new Result(ok, "~/" + path + (ok ? " " : " does not satisfy: ") + what,
                    List.of(new Evidence(ok ? "task-file-ok" : "task-file-wrong", path + " sha256 " + state.sha256())));
        });
    }

    /** A regular file on another host of the world (by its host name) whose content has this SHA-256. */
    static TaskCheck hostFileSha256(String host, String absolutePath, String sha256, String what) {
        return TaskCheck.of(host + ":" + absolutePath + " holds " + what, environment -> {
            Optional<DiskEntry> entry = environment.machines()
                    .orElseThrow(() -> new IllegalStateException("the world's machines were never started"))
                    .disk(host).stat(absolutePath);
            if (entry.isEmpty()) {
                return new Result(false, host + ":" + absolutePath + " does not exist", List.of(new Evidence("task-remote-missing", host + ":" + absolutePath)));
            }
            DiskEntry e = entry.get();
            boolean ok = e.type() == DiskEntry.Type.FILE && e.sha256().map(sha256::equals).orElse(false);
            return new Result(ok, host + ":" + absolutePath + (ok ? " holds " : " does not hold ") + what,
                    List.of(new Evidence(ok ? "task-remote-ok" : "task-remote-wrong", host + ":" + absolutePath + " " + e.type() + " "
                            + e.size() + " bytes sha256 " + e.sha256().orElse("?"))));
        });
    }
}
