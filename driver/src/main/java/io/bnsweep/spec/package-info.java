/**
 * The sweep spec: the YAML (or JSON) file a user writes, read into a validated {@link
 * io.bnsweep.spec.SweepSpec}. Every bad value is reported as one {@link
 * io.bnsweep.spec.SpecException} line naming the file, the key and the value, before any Spark job
 * starts.
 */
package io.bnsweep.spec;
