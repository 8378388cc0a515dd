/**
 * The default sandbox backend: bubblewrap namespaces (user, pid, net, ipc, uts, mount), a small C
 * init as PID 1 that runs each command in a fresh login bash, a size-limited tmpfs home on the host
 * for change tracking, and v1 cgroups for memory and process limits when running as root.
 */
package io.offswitch.sandbox.bwrap;
