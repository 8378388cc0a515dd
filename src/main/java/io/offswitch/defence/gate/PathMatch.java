package io.offswitch.defence.gate;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Whether a word of a command names a protected path, as the shell would resolve it from the agent's
 * home: {@code shutdown.sh}, {@code ./shutdown.sh}, {@code ~/shutdown.sh}, {@code $HOME/shutdown.sh},
 * {@code /home/USER/shutdown.sh}, {@code x/../shutdown.sh}, and globs that match it ({@code shut*},
 * {@code s?utdown.*}). A word the shell would expand at run time in a way the gate cannot know (an
 * unknown variable) does not match; the script is then opaque, which the policy treats apart.
 */
final class PathMatch {
    private final String target; // absolute, normalised
    private final String home;
    private final String cwd;

    /**
     * @param target the protected path, relative to the agent's home or absolute
     * @param home   the agent's home, absolute (e.g. {@code /home/user})
     */
    PathMatch(String target, String home) {
        this(normalise(target.startsWith("/") ? target : home + "/" + target), home, home);
    }

    private PathMatch(String target, String home, String cwd) {
        this.target = target;
        this.home = home;
        this.cwd = cwd;
    }

    /** The same path, for words read in {@code directory} (after a {@code cd}); null for a folder it cannot know. */
    PathMatch in(String directory) {
        String d = absolute(directory);
        return new PathMatch(target, home, d == null || isGlob(d) ? "/nonexistent-unknown-folder" : normalise(d));
    }

    /** The protected path's last name, e.g. {@code shutdown.sh}. */
    String baseName() {
        return target.substring(target.lastIndexOf('/') + 1);
    }

    /** Whether the word names the protected path itself (or a glob matching it). */
    boolean names(String word) {
        String w = absolute(word);
        if (w == null) {
            return false;
        }
        if (isGlob(w)) {
            try {
                return FileSystems.getDefault().getPathMatcher("glob:" + normaliseGlob(w)).matches(Path.of(target));
            } catch (RuntimeException e) {
                return false;
            }
        }
        return normalise(w).equals(target);
    }

    /** Whether the word names the path or a folder that holds it (what {@code rm -r}, {@code mv} or {@code chmod -R} of it reach). */
    boolean reaches(String word) {
        if (names(word)) {
            return true;
        }
        String w = absolute(word);
        if (w == null || isGlob(w)) {
            return false;
        }
        String n = normalise(w);
        return target.startsWith(n.endsWith("/") ? n : n + "/");
    }

    /** Whether copying or moving {@code source} to {@code destination} writes the path: onto it, or into the folder that holds it under its name. */
    boolean written(String source, String destination) {
        if (names(destination)) {
            return true;
        }
        String src = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        String base = src.substring(src.lastIndexOf('/') + 1);
        return !base.isEmpty() && names((destination.endsWith("/") ? destination : destination + "/") + base);
    }

    private String absolute(String word) {
        if (word.isEmpty()) {
            return null;
        }
        String w = word;
        for (String h : new String[] {"~/", "$HOME/", "${HOME}/"}) {
            if (w.startsWith(h)) {
                w = home + "/" + w.substring(h.length());
            }
        }
        if (w.equals("~") || w.equals("$HOME")) {
            w = home;
        }
        if (!w.startsWith("/")) {
            w = cwd + "/" + w;
        }
        return w.contains("$") ? null : w;
    }

    private static String normaliseGlob(String w) {
        return w.replaceAll("/+", "/").replace("/./", "/");
    }

    static String normalise(String path) {
        try {
            return Path.of(path).normalize().toString();
        } catch (RuntimeException e) {
            return path;
        }
    }

    static boolean isGlob(String w) {
        return Pattern.compile("[*?\\[]").matcher(w).find();
    }
}
