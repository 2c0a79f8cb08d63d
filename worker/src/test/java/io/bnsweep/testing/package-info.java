/**
 * Test fixtures shared with the driver and end-to-end tests (through the worker's test jar): IDX
 * files written by the tests, a tiny synthetic dataset whose classes are easy to learn, reference
 * networks on DL4J's built-in layers, and the JUnit session listener that chooses ND4J's native
 * build as the tool does.
 */
package io.bnsweep.testing;
