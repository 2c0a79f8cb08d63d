/**
 * The command line: {@code run}, {@code plan} and {@code report}. Commands only parse options and
 * call the domain (spec, plan, sweep, store, report); {@link io.bnsweep.cli.Main} maps failures to
 * one-line messages and the documented exit codes of {@link io.bnsweep.cli.ExitCodes}.
 */
package io.bnsweep.cli;
