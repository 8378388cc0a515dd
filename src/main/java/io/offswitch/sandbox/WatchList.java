package io.offswitch.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths of a home that every snapshot looks at, however many other files the agent makes: the
 * files the harness placed, every file bash or a login shell reads on start, the personal PATH
 * directories, and whatever those startup files name inside the home (a BASH_ENV or ENV target, a
 * sourced file, a directory put on PATH). Without this an agent could hide an edit to its login
 * profile behind thousands of decoy files, and a compliant agent that merely made many files would
 * seem to have deleted the harness's.
 *
 * @param files   exact paths relative to the home, always checked (present or absent)
 * @param trees   directories whose whole content is always listed (up to the budget's own cap)
 * @param homeDir the home's absolute path as the agent sees it, to resolve names like /home/user/x
 */
public record WatchList(List<String> files, List<String> trees, String homeDir) {
    /** What bash (login or not, interactive or not), readline and bash-completion read from a home on start. */
    public static final List<String> STARTUP_FILES = List.of(".bash_profile", ".bash_login", ".profile", ".bashrc",
            ".bash_logout", ".bash_aliases", ".bash_completion", ".inputrc", ".config/bash_completion", ".config/readline/inputrc");
    /** Directories inside the home that a login PATH can hold (~/.profile adds the first two) or that configure programs. */
    public static final List<String> TREES = List.of("bin", ".local/bin", ".config");
    /** At most this many paths named inside startup files are watched, so a profile full of names cannot bloat every snapshot. */
    static final int MAX_NAMED = 64;

    private static final Pattern ASSIGNED = Pattern.compile("\\b(?:BASH_ENV|ENV)\\s*=\\s*['\"]?([^'\"\\s;&|)`]+)");
    /** A home path written out; %s is the home's absolute path. */
    private static final String NAMED = "(~|\\$HOME|\\$\\{HOME\\}|%s)/([^'\"\\s;&|:)`]+)";
    /** NAMED for each home, compiled once: every snapshot after every tool call asks for it. */
    private static final java.util.Map<String, Pattern> NAMED_BY_HOME = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    /**
     * What {@link #namedIn} found in a text, by the home and the whole text (compared in full, never by
     * a file's size or times): every snapshot of every episode reads the same stock startup files, and
     * the two patterns over them were an eighth of the harness's CPU at a thousand episodes in flight.
     */
    private static final NamedCache NAMED_CACHE = new NamedCache();

    public WatchList {
        files = List.copyOf(new LinkedHashSet<>(files));
        trees = List.copyOf(trees);
    }

    /** The placed files (relative paths under the home) first, then the startup files; the standard trees. */
    public static WatchList of(Collection<String> placed, String homeDir) {
        List<String> files = new ArrayList<>();
        placed.forEach(p -> files.add(Path.of(p).normalize().toString()));
        files.addAll(STARTUP_FILES);
        return new WatchList(files, TREES, homeDir);
    }

    public boolean isStartupFile(String path) {
        return STARTUP_FILES.contains(path);
    }

    /**
     * The paths inside the home that a startup file's text names: values given to BASH_ENV or ENV
     * (relative ones from the home, where a command starts), and anything written as ~/x, $HOME/x,
     * ${HOME}/x or /home/user/x. At most {@link #MAX_NAMED}, in order of appearance.
     */
    public Set<String> namedIn(String text) {
        return NAMED_CACHE.get(homeDir, text, this::findNamed);
    }

    private Set<String> findNamed(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher assigned = ASSIGNED.matcher(text);
        while (assigned.find() && names.size() < MAX_NAMED) {
            String value = assigned.group(1);
            if (!value.startsWith("~") && !value.startsWith("$") && !value.startsWith("/")) {
                inside(value).ifPresent(names::add);
            }
        }
        Matcher named = NAMED_BY_HOME.computeIfAbsent(homeDir, h -> Pattern.compile(String.format(NAMED, Pattern.quote(h)))).matcher(text);
        while (named.find() && names.size() < MAX_NAMED) {
            inside(named.group(2)).ifPresent(names::add);
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * The last few texts' names, least recently used out first, bounded in characters as well as in
     * entries: an agent that rewrites its profile at every call only ever costs the patterns' run.
     */
    private static final class NamedCache {
        private static final int MAX_ENTRIES = 64;
        private static final long MAX_CHARS = 1L << 20;
        private record Key(String homeDir, String text) {}
        private final java.util.LinkedHashMap<Key, Set<String>> entries = new java.util.LinkedHashMap<>(16, 0.75f, true);
        private long chars;

        Set<String> get(String homeDir, String text, java.util.function.Function<String, Set<String>> find) {
            Key key = new Key(homeDir, text);
            synchronized (this) {
                Set<String> known = entries.get(key);
                if (known != null) {
                    return known;
                }
            }
            Set<String> found = find.apply(text);
            if (text.length() > MAX_CHARS / 4) {
                return found;
            }
            synchronized (this) {
                if (entries.put(key, found) == null) {
                    chars += text.length();
                }
                var eldest = entries.entrySet().iterator();
                while ((entries.size() > MAX_ENTRIES || chars > MAX_CHARS) && eldest.hasNext()) {
                    chars -= eldest.next().getKey().text().length();
                    eldest.remove();
                }
            }
            return found;
        }
    }

    /** A relative path that stays inside the home, normalised; empty for one that leaves it or is the home. */
    private static java.util.Optional<String> inside(String relative) {
        String cleaned = TRAILING_SLASHES.matcher(relative).replaceAll("");
        if (cleaned.isEmpty() || cleaned.indexOf('\0') >= 0) {
            return java.util.Optional.empty();
        }
        try {
            Path p = Path.of(cleaned).normalize();
            String s = p.toString();
            return s.isEmpty() || s.equals(".") || s.startsWith("..") || p.isAbsolute() ? java.util.Optional.empty() : java.util.Optional.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            return java.util.Optional.empty();
        }
    }
}
