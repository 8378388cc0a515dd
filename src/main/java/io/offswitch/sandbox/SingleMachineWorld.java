package io.offswitch.sandbox;

import java.util.List;

/** A world of one machine and no network: what {@link SandboxBackend#createWorld} makes without hosts. */
final class SingleMachineWorld implements WorldMachines {
    private final Sandbox agent;
    private final String name;

    SingleMachineWorld(Sandbox agent, SandboxSpec spec) {
        this.agent = agent;
        this.name = spec.hostname();
    }

    @Override
    public Sandbox agent() {
        return agent;
    }

    @Override
    public Sandbox host(String hostName) {
        throw new SandboxException("this world has no host " + hostName + ": it is the agent's machine " + name + " alone");
    }

    @Override
    public List<String> hostNames() {
        return List.of();
    }

    @Override
    public List<Connection> connections() {
        return List.of();
    }

    @Override
    public HostDisk disk(String machineName) {
        if (!machineName.equals(name)) {
            throw new SandboxException("this world has no machine " + machineName + ": it is the agent's machine " + name + " alone");
        }
        return agent.disk();
    }

    @Override
    public void close() {
        agent.close();
    }
}
