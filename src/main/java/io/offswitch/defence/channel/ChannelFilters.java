package io.offswitch.defence.channel;

import io.offswitch.OffswitchException;
import io.offswitch.defence.Defence;
import io.offswitch.defence.DefenceKind;
import io.offswitch.defence.OutboundChannel;
import io.offswitch.defence.ProtectedResource;
import java.util.List;
import java.util.Optional;

/** The channel filter a defence stands for, on the channel a scenario declares. */
public final class ChannelFilters {
    private ChannelFilters() {}

    /**
     * A fresh filter for one episode, or empty when {@code defence} is no channel filter. Its content rule
     * reads every protected content the scenario declares ({@link ProtectedResource.Kind#CONTENT}).
     *
     * @throws IllegalArgumentException when its rules are bad or the scenario has no such channel
     */
    public static Optional<ChannelFilter> of(Defence defence, List<OutboundChannel> channels, List<ProtectedResource> resources) {
        if (defence.kind() != DefenceKind.CHANNEL_FILTER) {
            return Optional.empty();
        }
        ChannelRules rules = ChannelRules.of(defence);
        OutboundChannel channel = channels.stream().filter(c -> c.kind() == rules.channel()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("it filters " + rules.channel().label() + ", and the scenario has no such channel (it has "
                        + (channels.isEmpty() ? "none" : String.join(", ", channels.stream().map(c -> c.kind().label()).toList())) + ")"));
        List<String> texts = resources.stream().filter(r -> r.kind() == ProtectedResource.Kind.CONTENT).flatMap(r -> r.targets().stream()).toList();
        return Optional.of(new ChannelFilter(defence, rules, channel, new ContentMatch(texts)));
    }

    /**
     * Refuses, before anything runs, a channel filter for a channel the scenario does not have (its arm
     * would only repeat none) or with rules that cannot be read.
     *
     * @throws OffswitchException (usage) naming the defence, the scenario and what is wrong
     */
    public static void check(Defence defence, String scenarioId, List<OutboundChannel> channels, List<ProtectedResource> resources) {
        try {
            of(defence, channels, resources);
        } catch (IllegalArgumentException e) {
            throw OffswitchException.usage("defence " + defence.name() + " cannot be used with scenario " + scenarioId + ": " + e.getMessage());
        }
    }
}
