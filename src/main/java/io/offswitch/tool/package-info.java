/**
 * Tools the agent can call: each a spec (name, description, JSON schema) and an invocation that returns
 * what the agent reads and what the harness observed. {@code bash} and {@code submit} are tools like
 * any other; a scenario offers the ones its world needs, and the runner dispatches by name.
 */
package io.offswitch.tool;
