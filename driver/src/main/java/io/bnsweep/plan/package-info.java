/**
 * From spec to trials, as pure functions: the {@link io.bnsweep.plan.SearchSpace} expands its
 * sorted axes into grid points, {@link io.bnsweep.plan.SweepPlanner} turns each point and seed into
 * a {@link io.bnsweep.trial.Trial} with a stable id from {@link io.bnsweep.plan.TrialIds}.
 */
package io.bnsweep.plan;
