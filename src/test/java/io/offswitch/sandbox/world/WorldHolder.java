package io.offswitch.sandbox.world;

import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.bwrap.BwrapBackend;

/**
 * A harness that starts one world, says where its processes are, and waits to be killed: the
 * crash test kills it with SIGKILL (no exit hook runs) and looks at what is left.
 */
public final class WorldHolder {
    private WorldHolder() {}

    public static void main(String[] args) throws Exception {
        WorldNetworkTest.agentKey();
        WorldMachines w = new BwrapBackend().createWorld(WorldNetworkTest.spec(Limits.defaults()));
        NetworkedWorld nw = (NetworkedWorld) w;
        StringBuilder line = new StringBuilder("world " + nw.directory() + " router " + nw.routerPid());
        nw.machinePids().forEach(p -> line.append(" init ").append(p));
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), line + "\n");
        Thread.sleep(Long.MAX_VALUE);
    }
}
