/**
 * End-to-end tests: whole sweeps through the real {@code bnsweep} entry point, on real Spark and
 * real DL4J, with tiny datasets written by the tests.
 */
package io.bnsweep.e2e;
