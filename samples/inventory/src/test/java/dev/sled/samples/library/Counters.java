package dev.sled.samples.library;

import dev.sled.Bytes;
import dev.sled.SledTree;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Named counters in the {@code counters} tree, incremented by a plain read-modify-write. */
@Service
public class Counters {

    private final SledTree counters;

    public Counters(@Qualifier("counters") SledTree counters) {
        this.counters = counters;
    }

    /** Lost updates would show here: the read and the write are separate calls, made atomic by the transaction. */
    @Transactional
    public long increment(String name) {
        Bytes key = Bytes.of(name);
        Bytes current = this.counters.get(key);
        long next = (current == null ? 0 : current.toLong()) + 1;
        this.counters.insert(key, Bytes.ofLong(next));
        return next;
    }

    @Transactional(readOnly = true)
    public long value(String name) {
        Bytes current = this.counters.get(Bytes.of(name));
        return current == null ? 0 : current.toLong();
    }
}
