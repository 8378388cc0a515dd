package io.offswitch.sandbox;

/**
 * A {@link SandboxService} that is told which process sent each request, by the kernel's credentials
 * of the connection. A world whose judgement rests on who said something (the monitor's log lines and
 * verdicts, not the agent's imitation of them) serves through this; the others need not pay for it.
 */
public interface PeerAwareService extends SandboxService {
    /** Answers one request from {@code peer}; the same contract as {@link #respond(String)}. */
    byte[] respond(String request, Peer peer);

    /** A request whose sender is not known is answered as one from {@link Peer#UNKNOWN}. */
    @Override
    default byte[] respond(String request) {
        return respond(request, Peer.UNKNOWN);
    }
}
