package io.offswitch.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Inspect's log viewer (the npm package {@code @metrevals/inspect-log-viewer}, pinned in
 * viewer/package.json) installed under the build folder, outside the jar, and bundled with esbuild into
 * one page. Installed once per build folder; later runs reuse it while the pinned versions are the same.
 */
final class ViewerBundle {
    private static final List<String> FILES = List.of("package.json", "entry.jsx", "index.html");

    private ViewerBundle() {}

    /** A folder with index.html, app.js and app.css ready to serve; logs go in its logs/ folder. */
    static Path prepare() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("offswitch.buildDir", "target"), "inspect-viewer").toAbsolutePath();
        Files.createDirectories(dir);
        String pins = resource("package.json");
        Path stamp = dir.resolve("installed-package.json");
        for (String name : FILES) {
            Files.writeString(dir.resolve(name), resource(name));
        }
        if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(pins) || !Files.isDirectory(dir.resolve("node_modules"))) {
            run(dir, 600, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
            Files.writeString(stamp, pins);
        }
        Path www = dir.resolve("www");
        Files.createDirectories(www);
        Path built = www.resolve("built-from.txt");
        String source = pins + resource("entry.jsx");
        if (!Files.isRegularFile(www.resolve("app.js")) || !Files.isRegularFile(built) || !Files.readString(built).equals(source)) {
            run(dir, 300, dir.resolve("node_modules/.bin/esbuild").toString(), "entry.jsx", "--bundle", "--format=esm", "--outfile=www/app.js",
                    "--loader:.woff=file", "--loader:.woff2=file", "--loader:.ttf=file", "--loader:.svg=file", "--loader:.png=file",
                    "--loader:.eot=file", "--define:process.env.NODE_ENV=\"production\"", "--log-level=error");
            Files.writeString(built, source);
        }
        Files.copy(dir.resolve("index.html"), www.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING);
        return www;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ViewerBundle.class.getResourceAsStream("viewer/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve("last-command.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with " + p.exitValue() + ":\n" + Files.readString(log));
        }
    }
}
