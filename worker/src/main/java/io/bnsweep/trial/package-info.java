/**
 * One trial, start to finish, without Spark: a {@link io.bnsweep.trial.Trial} (variant + seed +
 * training settings) goes into {@link io.bnsweep.trial.TrialRunner}, which trains and evaluates it
 * with DL4J and always returns a {@link io.bnsweep.trial.TrialResult}, COMPLETE or FAILED.
 *
 * <p>Everything here that travels between JVMs is an immutable record.
 */
package io.bnsweep.trial;
