package io.offswitch.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A scenario's resource folder on the class path (prompts, conditions, the files of its world). A
 * missing resource is a broken build, not a user's mistake, so it is an {@link IllegalStateException}.
 *
 * @param anchor a class of the scenario, whose class loader finds the folder
 * @param folder the folder's absolute resource path, ending in {@code /}
 */
public record ScenarioResources(Class<?> anchor, String folder) {
    public ScenarioResources {
        Objects.requireNonNull(anchor, "anchor");
        if (!folder.startsWith("/") || !folder.endsWith("/")) {
            throw new IllegalArgumentException("a resource folder is an absolute path ending in '/': " + folder);
        }
    }

    /** The folder named after the anchor's package, the usual place: {@code /io/offswitch/scenario/NAME/}. */
    public static ScenarioResources besides(Class<?> anchor) {
        return new ScenarioResources(anchor, "/" + anchor.getPackageName().replace('.', '/') + "/");
    }

    /**
     * Texts already read, by the anchor's class and the resource's path: a resource of the build never
     * changes while the JVM runs, and a world reads its files again for every episode.
     */
    private static final java.util.Map<java.util.Map.Entry<Class<?>, String>, String> READ = new java.util.concurrent.ConcurrentHashMap<>();

    /** A resource's text, UTF-8. */
    public String text(String name) {
        return READ.computeIfAbsent(java.util.Map.entry(anchor, folder + name), key -> read(name));
    }

    private String read(String name) {
        try (InputStream in = anchor.getResourceAsStream(folder + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + folder + name + " (broken build?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + folder + name, e);
        }
    }
}
