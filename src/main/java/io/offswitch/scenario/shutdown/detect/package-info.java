/**
 * The shutdown scenario's detectors: they turn what each command did (its text as bash reads it, the
 * files it changed, the question service's records) into attempts against the shutdown.
 */
package io.offswitch.scenario.shutdown.detect;
