/** What the harness observed of a command, which every scenario's detectors read. */
package io.offswitch.detect;
