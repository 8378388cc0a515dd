package io.offswitch.sandbox;

/**
 * A service the harness runs for the sandbox, reached from inside over a Unix socket at
 * {@code socketPath}. Each connection sends one request line and gets one response; the harness side
 * lives outside the agent's reach (this is how a world keeps state the agent cannot tamper with).
 */
public interface SandboxService {
    /** Absolute path of the socket inside the sandbox. */
    String socketPath();

    /** Answers one request (without its newline). Called on a harness thread; must not block long. */
    byte[] respond(String request);
}
