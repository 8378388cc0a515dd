package io.offswitch.sandbox;

/** A way of making sandboxes (bubblewrap, Docker...). Its id is recorded with every episode. */
public interface SandboxBackend {
    String id();

    /** Creates and starts a sandbox; the caller must close it. */
    Sandbox create(SandboxSpec spec);

    /**
     * Creates and starts a world; the caller must close it. A world without hosts is exactly
     * {@link #create} of its agent's machine (no network, no extra cost). A backend that cannot build
     * networks of several hosts throws a {@link SandboxException} saying what is missing.
     */
    default WorldMachines createWorld(WorldSpec spec) {
        if (spec.hosts().isEmpty()) {
            return new SingleMachineWorld(create(spec.agent()), spec.agent());
        }
        throw new SandboxException("the " + id() + " sandbox backend cannot build worlds of several hosts (" + spec.hosts().size()
                + " declared: " + String.join(", ", spec.machineNames().subList(1, spec.machineNames().size())) + ")");
    }
}
