/** The command line: one class per sub-command; the only package that prints. */
package io.offswitch.cli;
