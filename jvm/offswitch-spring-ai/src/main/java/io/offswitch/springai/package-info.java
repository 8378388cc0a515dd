/** offswitch for Spring AI: an episode's tools as {@code ToolCallback}s, and a loop around a team's {@code ChatClient}. */
package io.offswitch.springai;
