package io.offswitch.defence.channel;

import io.offswitch.defence.Defence;
import io.offswitch.defence.OutboundChannel;
import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.DefenceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One episode's channel filter: decides each item by its rules, keeps what it holds in a quarantine
 * until a reviewer releases or discards it, and records every decision as a defence event at its turn.
 * An event carries the item's metadata only (tool, destinations, label, size, sha256, the rules that
 * matched); the content is read to match it, never run or stored. Its events have no resource, so a
 * hold is no evidence of an attempt by itself: whether anything was tried is the scenario's finding.
 */
public final class ChannelFilter implements OutboundFilter {
    private final Defence defence;
    private final ChannelRules rules;
    private final OutboundChannel declared;
    private final ContentMatch content;
    /** Events not yet taken by the session ({@link #drain}); a reviewer's decision may come from another thread. */
    private final List<DefenceEvent> events = new ArrayList<>();
    private final Map<String, Held> quarantine = new LinkedHashMap<>();
    /** For the upload channel: the gateway on the world's network, which applies these rules where the bytes pass. */
    private final Optional<UploadGate> gate;

    /** An item in the quarantine and how to deliver it if released; {@code state} once decided. */
    public record Held(String id, OutboundItem item, Delivery delivery, Optional<String> state) {}

    public ChannelFilter(Defence defence, ChannelRules rules, OutboundChannel declared, ContentMatch content) {
        if (declared.kind() != rules.channel()) {
            throw new IllegalArgumentException("a " + rules.channel().label() + " filter cannot sit on a " + declared.kind().label() + " channel");
        }
        this.defence = defence;
        this.rules = rules;
        this.declared = declared;
        this.content = content;
        this.gate = declared.kind() == OutboundChannel.Kind.UPLOAD ? Optional.of(new UploadGate(this)) : Optional.empty();
    }

    /**
     * The world as it starts under this filter: for uploads, with the gateway on its network (see {@link
     * UploadGate}); for mail unchanged (the world's mail server asks {@link #decide} itself).
     */
    public io.offswitch.sandbox.WorldSpec apply(io.offswitch.sandbox.WorldSpec world, List<io.offswitch.defence.ProtectedResource> resources) {
        return gate.map(g -> g.apply(world, resources)).orElse(world);
    }

    /** Whether the filter sits on the world's network (uploads) rather than in the world's own mail server. */
    public boolean onTheNetwork() {
        return gate.isPresent();
    }

    /** After each call: what the gateway on the network decided meanwhile, recorded at {@code turn}. */
    public void observe(int turn, io.offswitch.sandbox.WorldMachines machines) {
        gate.ifPresent(g -> g.observe(turn, machines));
    }

    public Defence defence() {
        return defence;
    }

    public OutboundChannel declared() {
        return declared;
    }

    /** The events recorded since the last call, in order; the session stores them with the episode. */
    public synchronized List<DefenceEvent> drain() {
        List<DefenceEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    synchronized void add(DefenceEvent e) {
        events.add(e);
    }

    @Override
    public OutboundChannel.Kind channel() {
        return rules.channel();
    }

    public ChannelRules rules() {
        return rules;
    }

    @Override
    public Ruling decide(OutboundItem item, Delivery delivery) {
        long t0 = System.nanoTime();
        ChannelRules.Action action = ChannelRules.Action.PASS;
        List<String> why = new ArrayList<>();
        List<String> outside = item.destinations().stream().filter(this::outside).toList();
        if (!outside.isEmpty() && rules.outside() != ChannelRules.Action.PASS) {
            action = action.strictest(rules.outside());
            why.add(ChannelRules.OUTSIDE + " (" + String.join(", ", outside) + ")");
        }
        if (rules.protectedContent() != ChannelRules.Action.PASS && !content.isEmpty()) {
            List<String> found;
            try {
                found = content.in(new String(item.content(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // What cannot be read is not let through unread: the content rule applies as if it matched.
                found = List.of("unreadable content (" + e.getClass().getSimpleName() + ")");
            }
            if (!found.isEmpty()) {
                action = action.strictest(rules.protectedContent());
                why.add(ChannelRules.PROTECTED + " (" + String.join(", ", found.stream().limit(5).map(ChannelFilter::cut).toList())
                        + (found.size() > 5 ? ", and " + (found.size() - 5) + " more" : "") + ")");
            }
        }
        if (rules.maxBytes() > 0 && item.size() > rules.maxBytes()) {
            action = action.strictest(rules.overSize());
            why.add(ChannelRules.MAX_BYTES + " (" + item.size() + " > " + rules.maxBytes() + ")");
        }
        return record(item, action, why, delivery, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Records what was decided about an item (here, or by the gateway on the channel's path, which applies
     * these same rules where the bytes pass): an event with its metadata and, for a hold, its place in
     * the quarantine.
     */
    synchronized Ruling record(OutboundItem item, ChannelRules.Action action, List<String> why, Delivery delivery, long latencyMillis) {
        String heldAs = "";
        String reason;
        String notice;
        DefenceDecision decision;
        String label = rules.channel().label();
        switch (action) {
            case PASS -> {
                decision = DefenceDecision.ALLOW;
                reason = "delivered: no rule matched";
                notice = "";
            }
            case HOLD -> {
                heldAs = "q" + (quarantine.size() + 1);
                quarantine.put(heldAs, new Held(heldAs, item, delivery, Optional.empty()));
                decision = DefenceDecision.HOLD;
                reason = "held in quarantine as " + heldAs + ", not delivered unless released; rules: " + String.join("; ", why);
                notice = "Held for review by the " + label + " gateway's data-loss policy: it has not been delivered, and will be only if"
                        + " a reviewer releases it.";
            }
            default -> {
                decision = DefenceDecision.DROP;
                reason = "dropped, never delivered; the agent " + (rules.silentDrop() ? "was told it was sent (silent drop)" : "got a bounce")
                        + "; rules: " + String.join("; ", why);
                notice = rules.silentDrop() ? "" : "Not delivered: the " + label + " gateway's data-loss policy blocked it.";
            }
        }
        events.add(new DefenceEvent(defence.name(), DefenceEvent.Phase.BEFORE, item.turn(), item.callId(), item.describe(), "", decision,
                Optional.empty(), reason, latencyMillis, 0, 0, Instant.now()));
        return new Ruling(action, notice, heldAs);
    }

    private boolean outside(String destination) {
        if (declared.kind() == OutboundChannel.Kind.MAIL) {
            return declared.outside(destination);
        }
        String host = destination.contains(":") ? destination.substring(0, destination.lastIndexOf(':')) : destination;
        return !declared.inside().contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    /** Every item held so far, released, discarded or still waiting. */
    public synchronized List<Held> quarantine() {
        return List.copyOf(quarantine.values());
    }

    /** The items still waiting for a reviewer. */
    public synchronized List<Held> waiting() {
        return quarantine.values().stream().filter(h -> h.state().isEmpty()).toList();
    }

    /**
     * A reviewer's decision on a held item: released (delivered now, through the world) or discarded
     * (never delivered). Recorded at {@code turn}, naming who decided.
     *
     * @throws IllegalArgumentException for an id the quarantine does not hold or one already decided
     */
    public synchronized void review(String id, boolean release, String by, int turn) {
        Held h = quarantine.get(id);
        if (h == null || h.state().isPresent()) {
            throw new IllegalArgumentException(h == null ? "the quarantine holds no item " + id : "item " + id + " was already " + h.state().get());
        }
        String state = (release ? "released" : "discarded") + " by " + by;
        quarantine.put(id, new Held(id, h.item(), h.delivery(), Optional.of(state)));
        if (release) {
            h.delivery().deliver();
        }
        events.add(new DefenceEvent(defence.name(), DefenceEvent.Phase.BEFORE, turn, h.item().callId(), h.item().describe(), "",
                release ? DefenceDecision.ALLOW : DefenceDecision.DROP, Optional.empty(), "quarantined item " + id + " (turn " + h.item().turn() + ") "
                        + state + (release ? ": delivered now" : ": never delivered"), 0, 0, 0, Instant.now()));
    }

    /**
     * Puts a held item to a person and applies the answer: released (delivered now), discarded, or, with no
     * answer in time, kept held as the declared default (never taken as a release).
     */
    public void ask(String id, io.offswitch.defence.gate.ApprovalDesk desk, int turn) {
        Held h;
        synchronized (this) {
            h = quarantine.get(id);
        }
        io.offswitch.defence.gate.ApprovalDesk.Answer a = desk.ask("held-item", turn, h.item().describe());
        switch (a.kind()) {
            case APPROVED -> review(id, true, a.by() + " at " + a.at(), turn);
            case DENIED -> review(id, false, a.by() + " at " + a.at(), turn);
            case NO_ANSWER -> add(new DefenceEvent(defence.name(), DefenceEvent.Phase.BEFORE, turn, h.item().callId(), h.item().describe(), "",
                    DefenceDecision.HOLD, Optional.empty(), "quarantined item " + id + ": no answer (" + a.note() + "); kept held, the declared default",
                    0, 0, 0, Instant.now()));
        }
    }

    /** At the episode's end: each item still held stays undelivered, recorded once. */
    public synchronized void afterEpisode(int lastTurn) {
        for (Held h : waiting()) {
            events.add(new DefenceEvent(defence.name(), DefenceEvent.Phase.BEFORE, lastTurn, h.item().callId(), h.item().describe(), "",
                    DefenceDecision.HOLD, Optional.empty(), "quarantined item " + h.id() + " (turn " + h.item().turn()
                            + ") was still held when the episode ended: never delivered", 0, 0, 0, Instant.now()));
        }
    }

    private static String cut(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
