package io.offswitch.defence.channel;

import io.offswitch.defence.OutboundChannel;

/**
 * What a world's outbound channel asks before it delivers an item: pass (deliver it now), hold (keep it
 * undelivered; the filter calls {@link Delivery#deliver} if it is released later) or drop (never
 * deliver it). The world tells the agent {@link Ruling#notice} in place of its own "sent" when the
 * item does not go out, unless the notice is empty (a silent drop: the world answers as if it had
 * delivered). One filter serves one episode, on the session's thread.
 */
public interface OutboundFilter {
    OutboundChannel.Kind channel();

    Ruling decide(OutboundItem item, Delivery delivery);

    /** How a held item reaches its destination once a reviewer releases it, from the world that holds it. */
    @FunctionalInterface
    interface Delivery {
        void deliver();
    }

    /**
     * @param action what happens to the item
     * @param notice what the agent reads instead of the world's "sent" (empty: the world's own answer)
     * @param heldAs the quarantine's id of a held item, else ""
     */
    record Ruling(ChannelRules.Action action, String notice, String heldAs) {
        public Ruling {
            notice = notice == null ? "" : notice;
            heldAs = heldAs == null ? "" : heldAs;
        }

        public boolean delivered() {
            return action == ChannelRules.Action.PASS;
        }
    }
}
