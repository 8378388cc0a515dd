/**
 * Models behind providers: a model name {@code provider/model} resolves to a {@link Provider}, whose
 * {@link ModelClient} speaks that provider's API (one file per provider; its SDK stays in that file).
 * {@link ModelAgent} turns a client into an {@link io.offswitch.agent.Agent}, with retries, connection
 * limits and usage accounting that are the same for every provider.
 */
package io.offswitch.model;
