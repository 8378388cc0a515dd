package io.offswitch.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * One TCP connection across a world's network, as the kernel of the world's router saw it (not as any
 * machine reports it, so nothing inside a host can hide or inflate one). Only connections the network
 * let through appear: a connection to a port no host declared never leaves its machine.
 *
 * @param from            the name of the machine that opened it
 * @param to              the name of the machine it went to
 * @param port            the destination port
 * @param openedAt        when its first packet (the SYN) passed the router
 * @param closedAt        when the router saw it end (FIN or RST), if it has
 * @param established     whether the other side answered (a SYN with no answer, or answered by a
 *                        reset from a port where nothing listens, is not established)
 * @param bytesFromClient bytes sent by {@code from}, counted at the IP layer (headers included)
 * @param bytesFromServer bytes sent back by {@code to}, counted the same way
 */
public record Connection(String from, String to, int port, Instant openedAt, Optional<Instant> closedAt, boolean established,
        long bytesFromClient, long bytesFromServer) {
}
