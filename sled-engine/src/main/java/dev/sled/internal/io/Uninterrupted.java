package dev.sled.internal.io;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

/**
 * Runs channel I/O so that the calling thread's interrupt neither fails it nor is lost: the interrupt is
 * cleared for the call and set again afterwards. A channel closed during the call (by an interrupt that
 * arrived meanwhile, in this thread or another one using the same channel) is repaired by
 * {@code recover} and the call repeated; {@code recover} throws when the channel was closed on purpose.
 */
final class Uninterrupted {

    private Uninterrupted() {
    }

    @FunctionalInterface
    interface Call<T> {
        T call() throws IOException;
    }

    @FunctionalInterface
    interface Recovery {
        void recover() throws IOException;
    }

    static <T> T call(Call<T> call, Recovery recover) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (;;) {
                try {
                    return call.call();
                } catch (ClosedByInterruptException e) {
                    interrupted = true;
                    Thread.interrupted();
                    recover.recover();
                } catch (ClosedChannelException e) {
                    recover.recover();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
