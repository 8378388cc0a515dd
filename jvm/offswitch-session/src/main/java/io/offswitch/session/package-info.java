/** The engine behind offswitch-api: each episode a team's loop drives is an engine {@code EpisodeSession}. */
package io.offswitch.session;
