package io.offswitch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * This build of offswitch: its version and the git commit it was built from, recorded with every
 * episode. Either is {@code "unknown"} when the build could not tell (e.g. built outside a git clone).
 *
 * @param version the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit  the full commit id the build came from
 * @param dirty   whether the work tree had uncommitted changes at build time
 */
public record Version(String version, String commit, boolean dirty) {
    public static final String UNKNOWN = "unknown";
    private static final Version CURRENT = load();

    public static Version current() {
        return CURRENT;
    }

    /** Short form for humans: {@code 0.1.0-SNAPSHOT (1a2b3c4, dirty)}. */
    public String display() {
        String shortCommit = commit.length() > 7 && !commit.equals(UNKNOWN) ? commit.substring(0, 7) : commit;
        return version + " (" + shortCommit + (dirty ? ", dirty" : "") + ")";
    }

    static Version from(Optional<String> manifestVersion, Properties versionFile, Properties gitFile) {
        String version = manifestVersion.filter(v -> !v.isBlank())
                .orElse(known(versionFile.getProperty("version")));
        String commit = known(gitFile.getProperty("git.commit.id.full"));
        return new Version(version, commit, Boolean.parseBoolean(gitFile.getProperty("git.dirty")));
    }

    /** Unfiltered placeholders (running from sources without Maven) count as unknown. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }

    private static Version load() {
        return from(Optional.ofNullable(Version.class.getPackage().getImplementationVersion()),
                resource("version.properties"), resource("git.properties"));
    }

    private static Properties resource(String name) {
        var props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(name)) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource means the same as a missing one: unknown.
        }
        return props;
    }
}
