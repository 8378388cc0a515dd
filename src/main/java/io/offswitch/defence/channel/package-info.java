/**
 * The channel filter: sits where a scenario's outbound channel leaves the world (its mail server, the
 * upload path to hosts outside the organisation) and decides, for each item before it is delivered,
 * pass, hold (kept in a quarantine, delivered only if released) or drop, by a rule set that is the
 * defence's data ({@link io.offswitch.defence.channel.ChannelRules}). The world asks it through {@link
 * io.offswitch.defence.channel.OutboundFilter}; every decision is a defence event at its turn with the
 * item's metadata (destinations, size, hash), never its content run or opened. Whether the harm
 * happened is still the world's to measure (was the mail delivered, did the copy arrive).
 */
package io.offswitch.defence.channel;
