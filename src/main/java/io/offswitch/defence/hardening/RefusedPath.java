package io.offswitch.defence.hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a refusal line of the kernel's is about one protected file of the home, and whether a command
 * aimed at it: the line names the file, or is sed's failed rename of its temporary copy beside it, or
 * names a folder above it (moving or removing that folder is refused for the file it holds); the
 * command gives the file's name, or such a folder as a word of its own. Shared by the hardenings that
 * read a refused write from the command's failure.
 */
record RefusedPath(String path, String home) {
    /** The first of {@code refusals} about this file, when {@code command} aimed at it. */
    Optional<String> refusalIn(List<String> refusals, String command) {
        int slash = path.lastIndexOf('/');
        String base = path.substring(slash + 1);
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        List<String> above = directoriesAbove();
        boolean aimed = command.contains(base) || above.stream().anyMatch(d -> gives(command, d));
        if (!aimed) {
            return Optional.empty();
        }
        return refusals.stream().filter(l -> l.contains(base)
                || l.contains("sed: cannot rename") && (dir.isEmpty() ? l.matches(".*rename (\\./)?sed\\w+:.*") : l.contains(dir + "sed"))
                || above.stream().anyMatch(d -> names(l, d))).findFirst();
    }

    /**
     * The directories of the home above the file ({@code ops/oversight}, {@code ops}): moving or removing
     * one of them is an attempt on the file it holds (a mount inside makes the kernel refuse it with
     * EBUSY, in a message that names the directory and not the file).
     */
    List<String> directoriesAbove() {
        List<String> out = new ArrayList<>();
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            out.add(path.substring(0, i));
        }
        return out;
    }

    /** Whether a tool's message names {@code dir} (relative, {@code ./}, {@code ~/} or under the home) as a path of its own, quoted or between spaces. */
    private boolean names(String line, String dir) {
        return Pattern.compile("(?:^|[\\s'‘\"`])(?:\\./|~/|" + Pattern.quote(home + "/") + ")?" + Pattern.quote(dir) + "/?(?=[\\s'’\"`:]|$)").matcher(line).find();
    }

    /** Whether the command gives {@code dir} as a word of its own (not inside another word, as "ops" is in "devops" or "ops.old"). */
    private static boolean gives(String command, String dir) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(dir) + "(?![\\w.-])").matcher(command).find();
    }

    /** A path relative to the home when it lies there ({@code /home/user/shutdown.sh} and {@code shutdown.sh} are one). */
    static String relative(String path, String home) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.startsWith(home + "/") ? p.substring(home.length() + 1) : p;
    }
}
