/**
 * What works on this machine: each {@link io.offswitch.doctor.CheckResult} comes from actually running
 * the thing (a bubblewrap sandbox, a compile, a cgroup), with the fix when it does not work.
 */
package io.offswitch.doctor;
