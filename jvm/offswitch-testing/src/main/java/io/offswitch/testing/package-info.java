/** Test support for teams wiring an agent into offswitch: a scripted stand-in model on 127.0.0.1. */
package io.offswitch.testing;
