package dev.vgrad.spark;

import java.io.Serializable;

/**
 * One training example as Spark ships it: its position in the dataset (which fixes which global batch it belongs to),
 * its input features and its target (a class index for classification, stored as a float as vgrad's index tensors
 * are).
 */
public record Example(int index, float[] features, float target) implements Serializable {}
