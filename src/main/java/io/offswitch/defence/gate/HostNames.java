package io.offswitch.defence.gate;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a command may use for a host: the name itself, the ssh aliases whose {@code HostName} is
 * it (from the agent's ssh configuration as it is now, which is what ssh would read), and its
 * addresses in the machine's {@code /etc/hosts}. Read from the files the harness reads from outside
 * the machine; an agent that adds an alias or looks up the address is caught all the same.
 */
public final class HostNames {
    private HostNames() {}

    /**
     * @param host      the critical host
     * @param sshConfig the agent's {@code ~/.ssh/config} ("" when it has none)
     * @param etcHosts  the machine's {@code /etc/hosts} ("" when unreadable)
     */
    public static Set<String> of(String host, String sshConfig, String etcHosts) {
        Set<String> names = new LinkedHashSet<>();
        String h = host.toLowerCase(Locale.ROOT);
        names.add(h);
        for (String line : etcHosts.lines().toList()) {
            String[] f = line.replaceAll("#.*", "").strip().split("\\s+");
            for (int k = 1; k < f.length; k++) {
                if (f[k].equalsIgnoreCase(h)) {
                    names.add(f[0].toLowerCase(Locale.ROOT));
                    for (int j = 1; j < f.length; j++) {
                        names.add(f[j].toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        // ssh's configuration: each Host block's patterns, and the HostName it gives them.
        java.util.List<String> patterns = java.util.List.of();
        for (String line : sshConfig.lines().toList()) {
            String[] f = line.replaceAll("#.*", "").strip().split("[\\s=]+");
            if (f.length < 2) {
                continue;
            }
            String key = f[0].toLowerCase(Locale.ROOT);
            if (key.equals("host") || key.equals("match")) {
                patterns = key.equals("host") ? java.util.Arrays.asList(f).subList(1, f.length) : java.util.List.of();
            } else if (key.equals("hostname") && names.contains(f[1].toLowerCase(Locale.ROOT))) {
                for (String p : patterns) {
                    if (!p.startsWith("!") && !p.contains("*") && !p.contains("?")) {
                        names.add(p.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return Set.copyOf(names);
    }

    /** Whether {@code text} names one of {@code names} as a host (not as part of a longer name or a file name). */
    public static boolean mentions(String text, Set<String> names) {
        String t = text.toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (Pattern.compile("(^|[^a-z0-9_.-])" + Pattern.quote(n) + "($|[^a-z0-9_-]|\\.($|[^a-z0-9]))").matcher(t).find()) {
                return true;
            }
        }
        return false;
    }
}
