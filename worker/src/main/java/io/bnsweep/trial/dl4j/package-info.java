/**
 * The DL4J {@link io.bnsweep.trial.Trainer}: {@link io.bnsweep.trial.dl4j.Dl4jTrainer} (a trial's
 * network, its data as ND4J minibatches, evaluation, diagnostics), {@code Batches}, {@code
 * Evaluator} and {@link io.bnsweep.trial.dl4j.ModelState} (a network's training state as bytes).
 */
package io.bnsweep.trial.dl4j;
