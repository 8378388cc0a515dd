package io.offswitch.sandbox;

/** A way of making sandboxes (bubblewrap, Docker...). Its id is recorded with every episode. */
public interface SandboxBackend {
    String id();

    /** Creates and starts a sandbox; the caller must close it. */
    Sandbox create(SandboxSpec spec);
}
