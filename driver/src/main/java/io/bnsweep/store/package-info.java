/**
 * The result ledger of a sweep's output directory: {@code results.jsonl} (one line per trial,
 * appended the moment a trial finishes), the derived files written atomically at the end ({@code
 * results.csv}, {@code summary.md}, {@code report.html}, and {@code results.parquet} written by
 * parquet-hadoop on the driver: {@link io.bnsweep.store.ParquetExport}), and the JSON mapping of
 * results shared with the Kryo serializer.
 */
package io.bnsweep.store;
