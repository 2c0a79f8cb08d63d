/**
 * The result ledger of a sweep's output directory: {@code results.jsonl} (one line per trial,
 * appended the moment a trial finishes), {@code results.csv} and {@code summary.md} (written
 * atomically at the end), and the JSON mapping of results shared with the Kryo serializer.
 */
package io.bnsweep.store;
