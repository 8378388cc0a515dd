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
 * hundred; measured from the shaded jar, listing them takes about 140 ms and initialising them about
 * 1 s, 0.6 s of which is the model package (the providers' SDKs): a run without model agents skips it
 * ({@link #EXCEPT_MODELS}).
 */
final class OwnClasses {
    private static final String ROOT = "io/offswitch/";

    /** Every class but the model package's, for runs whose agents are all scripted. */
    static final java.util.function.Predicate<String> EXCEPT_MODELS = name -> !name.startsWith("io.offswitch.model.");

    private OwnClasses() {}

    static int initialiseAll() {
        return initialiseAll(name -> true);
    }

    /**
     * Initialises the classes whose binary names pass {@code wanted}; returns how many were initialised.
     * Classes that cannot be (an optional part missing) are skipped.
     */
    static int initialiseAll(java.util.function.Predicate<String> wanted) {
        ClassLoader loader = OwnClasses.class.getClassLoader();
        int done = 0;
        for (String name : names()) {
            if (!wanted.test(name)) {
                continue;
            }
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
