/**
 * Inspect (UK AISI) eval logs, format version 2, out and in: the ecosystem's common format, written so
 * that Inspect's own viewer and tools read our runs, and read so that others' transcripts can be kept
 * beside ours as foreign runs. Our store, JSON and CSV stay the primary formats.
 */
package io.offswitch.inspect;
