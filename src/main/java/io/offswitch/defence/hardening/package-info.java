/**
 * Hardening: defences applied to the world before it starts, built from what the scenario declares as
 * its protected resources. {@link WriteProtection} mounts declared files read-only; {@link EgressAllowlist}
 * puts an allowlist and an upload cap in the world's router. Each records what it refused as
 * {@link io.offswitch.episode.DefenceEvent}s of decision {@code denied}, at the turn it happened.
 */
package io.offswitch.defence.hardening;
