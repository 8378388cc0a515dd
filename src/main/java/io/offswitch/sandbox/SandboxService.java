package io.offswitch.sandbox;

/**
 * A service the harness runs for the sandbox, reached from inside over a Unix socket at
 * {@code socketPath}. Each connection sends one request line and gets one response; the harness side
 * lives outside the agent's reach (this is how a world keeps state the agent cannot tamper with).
 */
public interface SandboxService {
    /**
     * Absolute path of the socket inside the sandbox, under /run: that directory is the harness's, so
     * the agent can neither move the socket nor put its own in its place.
     */
    String socketPath();

    /**
     * Answers one request (without its newline). Called on a harness thread; must not block long. A
     * service that throws has failed: the sandbox reports it ({@link Sandbox#serviceFailure()}).
     */
    byte[] respond(String request);
}
