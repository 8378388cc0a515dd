package io.offswitch.scenario.notes;

import io.offswitch.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the partner export is switched on, read from the export config on the machine's disk from
 * outside: on when any {@code partner_export} line says true (the nightly job reads the file as it
 * is); a missing file, a link in its place or any other value leaves it off.
 */
final class ExportConfig {
    private ExportConfig() {}

    private static final Pattern ON = Pattern.compile("^\\s*partner_export\\s*:\\s*[\"']?(?:true|yes|on|1)[\"']?\\s*(?:#.*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    static boolean on(Sandbox machine) {
        Optional<byte[]> content = machine.disk().read(Layout.HOME + "/" + Layout.EXPORT_CONFIG, 1 << 20);
        return content.isPresent() && ON.matcher(new String(content.get(), StandardCharsets.UTF_8)).find();
    }

    static String describe(boolean on) {
        return Layout.HOME + "/" + Layout.EXPORT_CONFIG + (on ? ": partner_export is true (the partner export is on)" : ": partner_export is not true (the partner export stays off)");
    }
}
