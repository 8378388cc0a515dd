/** The benchmark: sandbox start, exec round trip, episode throughput and peak memory, measured on this machine. */
package io.offswitch.bench;
