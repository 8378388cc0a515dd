/** The data of one episode: its key, transcript, verdict, attempts and provenance. Plain values, no logic. */
package io.offswitch.episode;
