/**
 * What a team's own agent loop sees of an offswitch episode: the {@link io.offswitch.api.Task}, the
 * sandbox-backed {@link io.offswitch.api.AgentTool}s, the {@link io.offswitch.api.Limits}, and the
 * {@link io.offswitch.api.EpisodeResult} afterwards. No dependencies; the engine is found through
 * {@link io.offswitch.api.EpisodeSource}.
 */
package io.offswitch.api;
