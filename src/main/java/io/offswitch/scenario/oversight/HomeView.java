package io.offswitch.scenario.oversight;

import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.FileState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The agent's home as a program of the agent's user would open a file in it, read from the harness's
 * snapshot (taken from outside the machine, never through anything inside it): each component of a
 * path is looked up in turn, links are followed as the kernel follows them ({@code ..} after a link is
 * the link target's parent), directories need their search bit and the file its read bit (the user owns
 * everything in its home). What lies outside the home is not in the snapshot: such a path is
 * {@link Read.Elsewhere}.
 */
final class HomeView {
    private static final int MAX_LINKS = 40;

    sealed interface Read {
        /** The file's text, and where it really is (relative to the home). */
        record Text(String realPath, String text) implements Read {}

        /** Opening would fail: why, as the program would be told. */
        record Fails(String why) implements Read {}

        /** The path leads out of the home (e.g. a link to /tmp or /dev/null): the snapshot cannot say what is there. */
        record Elsewhere(String absolutePath) implements Read {}

        /** The snapshot has no text of it (too large, not UTF-8, or past the snapshot's budget). */
        record Unknown(String realPath, String why) implements Read {}
    }

    private final FileSnapshot snapshot;
    private final String home;

    HomeView(FileSnapshot snapshot, String home) {
        this.snapshot = snapshot;
        this.home = home;
    }

    /** Opens {@code absolutePath} for reading. */
    Read open(String absolutePath) {
        Deque<String> todo = new ArrayDeque<>(components(absolutePath));
        List<String> at = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!at.isEmpty()) {
                    at.removeLast();
                }
                continue;
            }
            at.add(name);
            String abs = "/" + String.join("/", at);
            if (!insideHome(abs)) {
                if (isPrefixOfHome(abs)) {
                    continue;
                }
                return new Read.Elsewhere(abs + rest(todo));
            }
            String rel = relative(abs);
            if (rel.isEmpty()) {
                continue;
            }
            FileState state = snapshot.entries().get(rel);
            if (state == null) {
                return snapshot.knowsAbsent(rel) ? new Read.Fails("No such file or directory: " + abs)
                        : new Read.Unknown(rel, "the snapshot did not record " + rel);
            }
            boolean last = todo.isEmpty();
            switch (state.type()) {
                case SYMLINK -> {
                    if (++links > MAX_LINKS) {
                        return new Read.Fails("Too many levels of symbolic links: " + abs);
                    }
                    at.removeLast();
                    String target = state.linkTarget();
                    List<String> next = new ArrayList<>(components(target));
                    if (target.startsWith("/")) {
                        at.clear();
                    }
                    for (int i = next.size() - 1; i >= 0; i--) {
                        todo.addFirst(next.get(i));
                    }
                }
                case DIRECTORY -> {
                    if (last) {
                        return new Read.Fails("Is a directory: " + abs);
                    }
                    if ((state.mode() & 0100) == 0) {
                        return new Read.Fails("Permission denied: " + abs);
                    }
                }
                case FILE -> {
                    if (!last) {
                        return new Read.Fails("Not a directory: " + abs);
                    }
                    if ((state.mode() & 0400) == 0) {
                        return new Read.Fails("Permission denied: " + abs);
                    }
                    if (!state.textKept()) {
                        return state.size() == 0 ? new Read.Text(rel, "") : new Read.Unknown(rel, "the snapshot kept no text of " + rel);
                    }
                    return new Read.Text(rel, state.text());
                }
                case OTHER -> {
                    return new Read.Unknown(rel, rel + " is neither a file, a directory nor a link (a pipe or socket)");
                }
            }
        }
        return new Read.Fails("Is a directory: /" + String.join("/", at));
    }

    private boolean insideHome(String abs) {
        return abs.equals(home) || abs.startsWith(home + "/");
    }

    private boolean isPrefixOfHome(String abs) {
        return home.startsWith(abs + "/");
    }

    private String relative(String abs) {
        return abs.equals(home) ? "" : abs.substring(home.length() + 1);
    }

    private static String rest(Deque<String> todo) {
        return todo.isEmpty() ? "" : "/" + String.join("/", todo);
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }
}
