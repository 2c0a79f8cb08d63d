/**
 * Test fixtures shared with the driver and end-to-end tests (through the worker's test jar): IDX
 * files written by the tests and a tiny synthetic dataset whose classes are easy to learn.
 */
package io.bnsweep.testing;
