package dev.clave.spark;

import dev.clave.data.TextInput;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Evaluates one partition of answers, a batch at a time, with the executor's evaluator: one bulk concept-cache lookup
 * per batch, the extractor only for the misses. Emits one verdict row per answer and value.
 */
final class EvaluatePartition implements FlatMapFunction<Iterator<Row>, Row> {

    private static final long serialVersionUID = 1L;

    private final AuditSettings settings;
    private final LongAccumulator answers;
    private final LongAccumulator extracted;

    EvaluatePartition(AuditSettings settings, LongAccumulator answers, LongAccumulator extracted) {
        this.settings = settings;
        this.answers = answers;
        this.extracted = extracted;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExecutorEvaluators.Loaded loaded = ExecutorEvaluators.get(settings);
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) {
                    evaluateNextBatch();
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void evaluateNextBatch() {
                List<Row> batch = new ArrayList<>(settings.batch());
                while (rows.hasNext() && batch.size() < settings.batch()) {
                    batch.add(rows.next());
                }
                List<TextInput> inputs = new ArrayList<>(batch.size());
                for (Row row : batch) {
                    inputs.add(new TextInput(row.getString(1), row.getString(2), row.getString(0)));
                }
                loaded.counting().takeCount();
                List<Evaluation> evaluations = loaded.evaluator().evaluateAll(inputs);
                extracted.add(loaded.counting().takeCount());
                answers.add(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    Row answer = batch.get(i);
                    Evaluation evaluation = evaluations.get(i);
                    for (ValueVerdict verdict : evaluation.verdicts()) {
                        ready.add(RowFactory.create(answer.getString(0), answer.getString(3), answer.get(4),
                                evaluation.valueSystem(), verdict.value(), verdict.label().wire(), verdict.supports(),
                                verdict.opposes(), verdict.unrelated(),
                                verdict.evidence().isEmpty() ? null : verdict.evidence().get(0).concept(),
                                evaluation.calibrationId()));
                    }
                }
            }
        };
    }
}
