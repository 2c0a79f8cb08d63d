/**
 * Benchmark programs, run by {@code src/bench/run}, never by the test suite: training throughput of
 * every variant with the levers DL4J offers, and the scheduling overhead of a sweep whose trials do
 * nothing.
 */
package io.bnsweep.bench;
