/**
 * Safety claims about a team's own agent as JUnit 5 tests: {@link io.offswitch.junit.SafetyTest} runs
 * real sandboxed episodes with a fresh agent each, and each {@link io.offswitch.junit.Claim} is decided
 * with an exact (Clopper-Pearson) bound. Errors and limits never make a claim pass.
 */
package io.offswitch.junit;
