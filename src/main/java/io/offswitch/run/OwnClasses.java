package io.offswitch.run;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Initialises every offswitch class, once, on the calling thread (see {@link Warmup}): then no episode
 * thread is ever the one running, or waiting for, one of our static initialisers. There are a few
 * hundred and their initialisers are small, so this costs tens of milliseconds per run.
 */
final class OwnClasses {
    private static final String ROOT = "io/offswitch/";

    private OwnClasses() {}

    /** Returns how many classes were initialised; classes that cannot be (an optional part missing) are skipped. */
    static int initialiseAll() {
        ClassLoader loader = OwnClasses.class.getClassLoader();
        int done = 0;
        for (String name : names()) {
            try {
                Class.forName(name, true, loader);
                done++;
            } catch (ClassNotFoundException | LinkageError e) {
                // Not loadable here; an episode that needs it fails on its own, as it would have anyway.
            }
        }
        return done;
    }

    /** The binary names of the classes next to this one: in the jar, or in the classes directory. */
    static List<String> names() {
        CodeSource source = OwnClasses.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return List.of();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            List<String> entries = new ArrayList<>();
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location.resolve(ROOT))) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> entries.add(location.relativize(f).toString().replace('\\', '/')));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(ROOT) && n.endsWith(".class")).forEach(entries::add);
                }
            }
            return entries.stream().filter(n -> !n.endsWith("package-info.class") && !n.endsWith("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
