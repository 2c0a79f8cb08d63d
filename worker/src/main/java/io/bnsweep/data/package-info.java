/**
 * Datasets for trials: the IDX reader, labelled image sets, and the per-JVM cache that lets an
 * executor decode a dataset once and reuse it for every trial it runs.
 *
 * <p>Every failure to read data surfaces as a {@link io.bnsweep.data.DatasetException} whose
 * message names the file and what is wrong with it.
 */
package io.bnsweep.data;
