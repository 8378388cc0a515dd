/**
 * Runs: a plan (scenario x conditions x agents x epochs) built whole before anything runs, then
 * executed concurrently on virtual threads, each finished episode handed to the store at once.
 */
package io.offswitch.run;
