/**
 * A real Linux environment where the agent's commands run: created from a {@link SandboxSpec}, used
 * through {@link Sandbox#exec}, inspected ({@link ChangeTracker}) and destroyed. Backends live in
 * sub-packages.
 */
package io.offswitch.sandbox;
