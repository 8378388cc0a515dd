package io.offswitch.defence.channel;

import io.offswitch.Hashes;
import io.offswitch.defence.OutboundChannel;
import java.util.List;

/**
 * One thing the agent tried to send out of the world, as the channel filter sees it before delivery.
 * Everything but the channel and turn is the agent's (untrusted) text or bytes; the filter only reads
 * it, and its events keep only the metadata.
 *
 * @param tool         the tool or means it was sent with ({@code send_email}, {@code http PUT})
 * @param destinations recipients' addresses (canonical) or host:port
 * @param label        a mail's subject, an upload's file name
 * @param content      what would be delivered, as far as the filter reads it here: a mail's subject, body and
 *                     attachments as text (empty for an upload, which the gateway read where it passed)
 * @param size         how many bytes it carries
 * @param sha256       their hash
 */
public record OutboundItem(OutboundChannel.Kind channel, int turn, String callId, String tool, List<String> destinations, String label, byte[] content,
        long size, String sha256) {
    public OutboundItem {
        destinations = List.copyOf(destinations);
        callId = callId == null ? "" : callId;
        label = label == null ? "" : label;
        content = content == null ? new byte[0] : content;
        sha256 = sha256 == null ? "" : sha256;
    }

    /** An item whose whole content is here: its size and hash are the content's. */
    public OutboundItem(OutboundChannel.Kind channel, int turn, String callId, String tool, List<String> destinations, String label, byte[] content) {
        this(channel, turn, callId, tool, destinations, label, content, content == null ? 0 : content.length, Hashes.sha256(content == null ? new byte[0] : content));
    }

    /** One line for a defence event: the tool, where it was going, its label cut short, its size and hash; never the content. */
    public String describe() {
        String shown = label.length() <= 80 ? label : label.substring(0, 80) + "...";
        return tool + " to " + String.join(", ", destinations) + (shown.isEmpty() ? "" : " \"" + shown.replaceAll("[\\r\\n]", " ") + "\"")
                + " (" + size() + " bytes, sha256 " + sha256() + ")";
    }
}
