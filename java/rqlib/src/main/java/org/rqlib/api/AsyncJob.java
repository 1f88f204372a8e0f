package org.rqlib.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.rqlib.limits.JobControl;

/**
 * A job run on the caller's executor, its result in a {@link CompletableFuture} whose {@code cancel} cancels the
 * job through its {@link JobControl}. Stateless.
 */
final class AsyncJob {
    private AsyncJob() {
    }

    static <T> CompletableFuture<T> submit(Supplier<T> job, JobControl control, Executor executor) {
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                control.cancel();   // the job stops at its next check and removes what it wrote
                return super.cancel(mayInterruptIfRunning);
            }
        };
        try {
            executor.execute(() -> {
                if (future.isDone()) {
                    return;   // cancelled before it started
                }
                try {
                    future.complete(job.get());
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
        return future;
    }
}
