package dev.vgrad.spark;

/**
 * Where one synchronous step's wall time went, in seconds. The driver-side parts add up to the step:
 * {@code broadcast + job + update}. Within the job, the task-side parts are means over the step's tasks, as Spark's
 * task metrics and the task's own clock report them; what the job took beyond its mean task is scheduling and the
 * return of results.
 *
 * @param broadcast the driver registering the parameters and the batch's indices as broadcasts
 * @param job the Spark job: from submitting it to holding the summed gradient
 * @param taskDeserialize a task deserialising its closure (Spark's executorDeserializeTime)
 * @param fetch a task reading the two broadcasts (fetching and deserialising them on its first read in an executor)
 * @param compute a task building its replica and computing its share's loss and gradient
 * @param taskOther the rest of a task's run: picking its examples out of the partition, packing its partial
 * @param resultSerialize a task serialising its partial (Spark's resultSerializationTime)
 * @param scheduleAndReturn the job's time beyond its mean task: scheduling and launching tasks, shipping results
 *     back, deserialising and summing them on the driver
 * @param update the driver dividing the sum by the batch size and stepping the optimizer
 */
public record StepCost(double broadcast, double job, double taskDeserialize, double fetch, double compute,
                       double taskOther, double resultSerialize, double scheduleAndReturn, double update) {

    /** This cost plus {@code other}, part by part (to average a run of steps). */
    public StepCost plus(StepCost other) {
        return new StepCost(broadcast + other.broadcast, job + other.job, taskDeserialize + other.taskDeserialize,
                fetch + other.fetch, compute + other.compute, taskOther + other.taskOther,
                resultSerialize + other.resultSerialize, scheduleAndReturn + other.scheduleAndReturn,
                update + other.update);
    }

    /** This cost with every part divided by {@code n}. */
    public StepCost dividedBy(double n) {
        return new StepCost(broadcast / n, job / n, taskDeserialize / n, fetch / n, compute / n, taskOther / n,
                resultSerialize / n, scheduleAndReturn / n, update / n);
    }

    /** No time at all: the start of a sum. */
    public static StepCost zero() {
        return new StepCost(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
