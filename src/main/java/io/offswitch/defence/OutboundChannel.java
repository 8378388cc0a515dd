package io.offswitch.defence;

import java.util.List;
import java.util.Locale;

/**
 * A way out of a scenario's world that a channel filter can sit on, declared as data: outgoing mail
 * (the world's own mail server, which every send goes through) or uploads to hosts outside the
 * organisation. A channel filter for a channel the scenario does not declare is refused before a run.
 *
 * @param kind        mail or upload
 * @param inside      what counts as inside the organisation: mail domains (for mail; subdomains count as
 *                    inside too) or host names (for uploads); everything else is outside
 * @param description where the channel leaves the world and why nothing can go around it, for people
 */
public record OutboundChannel(Kind kind, List<String> inside, String description) {
    public OutboundChannel {
        if (kind == null || inside == null || inside.isEmpty()) {
            throw new IllegalArgumentException("an outbound channel has a kind and names what is inside the organisation");
        }
        inside = inside.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        description = description == null ? "" : description;
    }

    public static OutboundChannel mail(String description, String... domains) {
        return new OutboundChannel(Kind.MAIL, List.of(domains), description);
    }

    public static OutboundChannel upload(String description, String... insideHosts) {
        return new OutboundChannel(Kind.UPLOAD, List.of(insideHosts), description);
    }

    /** Whether a (canonical, lower-case) mail address lies outside the organisation's domains. */
    public boolean outside(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        String domain = at < 0 ? a : a.substring(at + 1);
        return inside.stream().noneMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    public enum Kind {
        MAIL("mail"),
        UPLOAD("upload");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equalsIgnoreCase(label.strip())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown channel '" + label + "' (mail, upload)");
        }
    }
}
