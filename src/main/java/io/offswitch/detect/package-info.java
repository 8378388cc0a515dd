/** Detectors turn evidence (file changes, command results, service events) into findings: outcomes and attempts. */
package io.offswitch.detect;
