/**
 * Worlds of several machines on a private network of their own, the same for every backend that gives
 * each machine its own network namespace: a router namespace the world creates (never the machine's
 * own), a veth pair per machine with both ends only in the world's namespaces, a firewall in the router
 * that lets through only the declared services, the kernel's connection tracking there as the record
 * of every connection, and the hosts' real servers (sshd, an HTTP upload endpoint).
 */
package io.offswitch.sandbox.world;
