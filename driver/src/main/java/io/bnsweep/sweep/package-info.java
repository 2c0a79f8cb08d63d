/**
 * Fanning trials out over Spark: {@link io.bnsweep.sweep.SparkSweep} runs one trial per task and
 * hands each result to the driver as it arrives; {@link io.bnsweep.sweep.SweepContexts} makes the
 * Spark context (embedded {@code local[*]} outside {@code spark-submit}); the Kryo registrator and
 * serializer say exactly which classes may travel; {@link io.bnsweep.sweep.SweepProgress} prints
 * the live progress line.
 */
package io.bnsweep.sweep;
