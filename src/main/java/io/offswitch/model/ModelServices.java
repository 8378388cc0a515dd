package io.offswitch.model;

import java.util.Optional;

/** What every model agent of a run shares: connection limits, retry policy, usage meter, cache. */
public record ModelServices(ConnectionLimits connections, RetryPolicy retry, UsageMeter usage, Optional<ModelCache> cache, Redactor redactor) {
    public static ModelServices of(ConnectionLimits connections, RetryPolicy retry, UsageMeter usage, Optional<ModelCache> cache, ProviderEnvironment env) {
        return new ModelServices(connections, retry, usage, cache, new Redactor(env.secrets()));
    }
}
