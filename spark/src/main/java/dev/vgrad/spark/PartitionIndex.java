package dev.vgrad.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition's examples sorted by their index, built on a task's first pass over the partition and kept by the
 * executor JVM, so that later steps find their share of a batch by looking its indices up (work that grows with the
 * batch) instead of reading the whole partition (work that grows with the data set: 30 000 examples a partition
 * for Fashion-MNIST on two, every step). Keyed by application, RDD and partition: an RDD's partition never changes.
 * It holds references to the examples the partition's iterator gave (for a cached RDD, the cached objects).
 */
final class PartitionIndex {
    /** Partitions an executor keeps indexed, the least recently used dropped first. */
    private static final int KEPT = 1024;

    private static final Map<String, PartitionIndex> INDEXES = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PartitionIndex> eldest) {
            return size() > KEPT;
        }
    };

    /** Example indices in ascending order, and where each example stands in the partition. */
    private final int[] indices, positions;
    private final Example[] examples;

    private PartitionIndex(List<Example> partition) {
        int n = partition.size();
        examples = partition.toArray(new Example[0]);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(examples[a].index(), examples[b].index()));
        indices = new int[n];
        positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = order[i];
            indices[i] = examples[order[i]].index();
        }
    }

    /** The index of partition {@code partition} of RDD {@code rdd} in application {@code app}, built if needed. */
    static PartitionIndex of(String app, int rdd, int partition, Iterator<Example> examples) {
        String key = app + "/" + rdd + "/" + partition;
        synchronized (INDEXES) {
            PartitionIndex known = INDEXES.get(key);
            if (known != null) {
                return known;
            }
        }
        List<Example> all = new ArrayList<>();
        examples.forEachRemaining(all::add);
        PartitionIndex built = new PartitionIndex(all);
        synchronized (INDEXES) {
            INDEXES.put(key, built);
        }
        return built;
    }

    /**
     * The examples whose index is in {@code sortedBatch}, in the order they stand in the partition, each as often as
     * the partition holds it (an index the batch names twice counts once: the trainer then sees the shortfall).
     */
    List<Example> select(int[] sortedBatch) {
        int[] found = new int[Math.min(sortedBatch.length, examples.length) + 8];
        int count = 0;
        for (int b = 0; b < sortedBatch.length; b++) {
            if (b > 0 && sortedBatch[b] == sortedBatch[b - 1]) {
                continue;
            }
            int at = Arrays.binarySearch(indices, sortedBatch[b]);
            if (at < 0) {
                continue;
            }
            while (at > 0 && indices[at - 1] == sortedBatch[b]) {
                at--;
            }
            for (; at < indices.length && indices[at] == sortedBatch[b]; at++) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, 2 * count);
                }
                found[count++] = positions[at];
            }
        }
        Arrays.sort(found, 0, count);
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(examples[found[i]]);
        }
        return out;
    }
}
