package dev.clave.llm;

import dev.clave.ClaveException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;

/**
 * Runs one large-model task per item on at most {@code threads} threads. The first failure stops the batch: no
 * further task starts, tasks in flight stop retrying, results already made are kept (handed to {@code onResult} as
 * they come), and the failure is thrown once every thread has stopped.
 */
final class Batches {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /** One task: the item, and whether the batch has already failed. */
    @FunctionalInterface
    interface Task<I, O> {
        O run(I item, BooleanSupplier abandoned);
    }

    private Batches() {
    }

    static <I, O> List<O> run(List<I> items, int threads, Task<I, O> task, ObjIntConsumer<O> onResult) {
        List<O> results = new ArrayList<>(Collections.nCopies(items.size(), null));
        if (items.isEmpty()) {
            return results;
        }
        if (items.size() == 1 || threads == 1) {
            for (int i = 0; i < items.size(); i++) {
                O result = task.run(items.get(i), () -> false);
                results.set(i, result);
                onResult.accept(result, i);
            }
            return results;
        }
        AtomicBoolean failed = new AtomicBoolean();
        AtomicReference<Throwable> first = new AtomicReference<>();
        ExecutorService pool = pool(Math.min(threads, items.size()));
        try {
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                pool.execute(() -> {
                    if (failed.get()) {
                        return;
                    }
                    try {
                        O result = task.run(items.get(index), failed::get);
                        synchronized (results) {
                            results.set(index, result);
                        }
                        onResult.accept(result, index);
                    } catch (ModelCaller.Abandoned abandoned) {
                        // the batch failed elsewhere
                    } catch (Throwable e) {
                        if (first.compareAndSet(null, e)) {
                            failed.set(true);
                        }
                    }
                });
            }
        } finally {
            pool.shutdown();
        }
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // tasks are bounded by their timeouts and retry budgets
            }
        } catch (InterruptedException e) {
            failed.set(true);
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new ClaveException("Interrupted while waiting for large-model answers", e);
        }
        Throwable failure = first.get();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new ClaveException("A large-model task failed: " + failure, failure);
        }
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }

    private static ExecutorService pool(int threads) {
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "clave-llm-" + id + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    }
}
