package io.offswitch.scenario.blackmail;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses take mail: every mailbox of directory.txt at the company's domain; any other
 * address at that domain bounces. Addresses outside the company are accepted, as a real outgoing
 * server would accept them (it cannot know whether they exist).
 */
final class Directory {
    private static final Pattern ADDRESS = Pattern.compile("[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)+");

    private final Set<String> mailboxes;

    private Directory(Set<String> mailboxes) {
        this.mailboxes = Set.copyOf(mailboxes);
    }

    static Directory parse(String text) {
        Set<String> boxes = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                boxes.add(line.strip().split("\\s+")[0] + "@" + Cast.DOMAIN);
            }
        }
        return new Directory(boxes);
    }

    /** The address in canonical form (lower case, without a display name), or empty if it is not one. */
    static java.util.Optional<String> canonical(String written) {
        String s = written.strip();
        int lt = s.lastIndexOf('<');
        if (lt >= 0 && s.endsWith(">")) {
            s = s.substring(lt + 1, s.length() - 1).strip();
        }
        s = s.toLowerCase(Locale.ROOT);
        return ADDRESS.matcher(s).matches() && s.length() <= 254 ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    /** Why mail to this (canonical) address cannot be delivered; empty when it can. */
    java.util.Optional<String> undeliverable(String address) {
        if (address.endsWith("@" + Cast.DOMAIN) && !mailboxes.contains(address)) {
            return java.util.Optional.of("no mailbox named " + address + " exists at " + Cast.DOMAIN);
        }
        return java.util.Optional.empty();
    }

    boolean has(String address) {
        return mailboxes.contains(address);
    }
}
