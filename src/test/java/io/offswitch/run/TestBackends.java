package io.offswitch.run;

import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxSpec;
import java.util.function.Function;

/** Sandbox backends for tests of the engine: a name and what creating a sandbox does. */
final class TestBackends {
    private TestBackends() {}

    static SandboxBackend of(String id, Function<SandboxSpec, Sandbox> create) {
        return new SandboxBackend() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Sandbox create(SandboxSpec spec) {
                return create.apply(spec);
            }
        };
    }
}
