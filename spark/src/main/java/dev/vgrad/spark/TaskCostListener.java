package dev.vgrad.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Spark's own account of a step's tasks (deserialising the task, running it, serialising its result), gathered from
 * the listener bus for the jobs submitted while the local property {@link #STEP} named the step. The bus delivers
 * events after the job has returned, so the trainer waits for the step's jobs to end on the bus before it reads the
 * totals; only successful task attempts count (a killed attempt's retry is the one whose result was used). One
 * listener serves every trainer of a Spark context.
 */
final class TaskCostListener extends SparkListener {
    /** The local property a step's jobs carry (a property of our own, so a job group the caller set is left alone). */
    static final String STEP = "vgrad.step";

    private static final Map<SparkContext, TaskCostListener> BY_CONTEXT = new WeakHashMap<>();

    /** The listener of {@code spark}, registered on its first use. */
    static synchronized TaskCostListener on(SparkContext spark) {
        return BY_CONTEXT.computeIfAbsent(spark, s -> {
            TaskCostListener listener = new TaskCostListener();
            s.addSparkListener(listener);
            return listener;
        });
    }

    /** Sums over the successful tasks of one step, in seconds. */
    record Totals(int tasks, double deserialize, double run, double resultSerialize, double duration) {}

    private static final class Group {
        int jobsStarted, jobsEnded, tasks;
        long deserializeMs, runMs, resultSerializeMs, durationMs;
    }

    private final Map<String, Group> groups = new HashMap<>();
    private final Map<Integer, String> stageGroup = new HashMap<>();
    private final Map<Integer, String> jobGroup = new HashMap<>();

    private TaskCostListener() {}

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        Properties p = start.properties();
        String group = p == null ? null : p.getProperty(STEP);
        if (group == null) {
            return;
        }
        groups.computeIfAbsent(group, g -> new Group()).jobsStarted++;
        jobGroup.put(start.jobId(), group);
        for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
            stageGroup.put((Integer) stage, group);
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        String group = stageGroup.get(end.stageId());
        TaskInfo info = end.taskInfo();
        TaskMetrics m = end.taskMetrics();
        Group g = group == null ? null : groups.get(group);
        if (g == null || info == null || !info.successful() || m == null) {
            return;
        }
        g.tasks++;
        g.deserializeMs += m.executorDeserializeTime();
        g.runMs += m.executorRunTime();
        g.resultSerializeMs += m.resultSerializationTime();
        g.durationMs += info.finishTime() - info.launchTime();
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        String group = jobGroup.remove(end.jobId());
        if (group != null) {
            groups.get(group).jobsEnded++;
            notifyAll();
        }
    }

    /**
     * The totals of step {@code group} once every job it started has ended on the bus, or null when that takes longer
     * than {@code timeoutMillis} (the figures are then left out rather than waited for); the step is forgotten either
     * way.
     */
    synchronized Totals await(String group, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        Group g;
        while ((g = groups.get(group)) == null || g.jobsEnded < g.jobsStarted) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                forget(group);
                return null;
            }
            wait(left);
        }
        forget(group);
        return new Totals(g.tasks, g.deserializeMs / 1e3, g.runMs / 1e3, g.resultSerializeMs / 1e3,
                g.durationMs / 1e3);
    }

    private void forget(String group) {
        groups.remove(group);
        stageGroup.values().removeIf(group::equals);
        jobGroup.values().removeIf(group::equals);
    }
}
