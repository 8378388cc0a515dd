package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.NativeProgram;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.UUID;

/** Makes bubblewrap sandboxes. Thread-safe: many sandboxes may be created at once. */
public final class BwrapBackend implements SandboxBackend {
    static final String INIT_SOURCE = "/io/offswitch/sandbox/bwrap/sandbox-init.c";

    private final boolean asRoot;

    public BwrapBackend() {
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    @Override
    public String id() {
        return "bwrap";
    }

    @Override
    public Sandbox create(SandboxSpec spec) {
        Path init = NativeProgram.compiled(INIT_SOURCE);
        String id = UUID.randomUUID().toString().substring(0, 12);
        return BwrapSandbox.start(id, spec, init, asRoot);
    }
}
