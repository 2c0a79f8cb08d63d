package io.bnsweep.data;

/**
 * A train/test pair of labelled image sets, read from one directory.
 *
 * @param location where it was read from, as the user named it
 * @param train the training split
 * @param test the test split
 */
public record Dataset(String location, LabeledImages train, LabeledImages test) {}
