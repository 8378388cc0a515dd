/**
 * The Docker sandbox backend: the same contract as bubblewrap (sandbox-init as PID 1 speaking the same
 * pipe protocol over {@code docker run -i}, the same host-side home, /etc files, protected files and
 * service sockets), with Docker's namespaces, cgroups and read-only root instead of bwrap's. The image
 * is a tiny directory skeleton built locally; the system itself is the host's /usr, mounted read-only.
 */
package io.offswitch.sandbox.docker;
