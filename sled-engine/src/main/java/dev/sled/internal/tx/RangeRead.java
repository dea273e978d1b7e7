package dev.sled.internal.tx;

import dev.sled.Bytes;
import dev.sled.KeyValue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a transactional scan read from the tree: the entries it consumed and how far each end got. At
 * commit the covered intervals are scanned again; any difference (a phantom insert, a delete, a changed
 * value) is a conflict.
 */
final class RangeRead {

    final Bytes lo;
    final @Nullable Bytes hi;
    final List<KeyValue> seen = new ArrayList<>();
    /** Exclusive end of the interval covered from the front; {@code lo} when nothing was read there. */
    @Nullable Bytes frontCover;
    boolean frontToEnd;
    /** Inclusive start of the interval covered from the back; null when nothing was read there. */
    @Nullable Bytes backCover;

    RangeRead(Bytes lo, @Nullable Bytes hi) {
        this.lo = lo;
        this.hi = hi;
        this.frontCover = lo;
    }

    /** The intervals {@code [from, to)} whose contents the transaction relied on. */
    List<Bytes[]> intervals() {
        List<Bytes[]> out = new ArrayList<>(2);
        if (frontToEnd) {
            out.add(new Bytes[] {lo, hi});
            return out;
        }
        if (frontCover != null && frontCover.compareTo(lo) > 0) {
            out.add(new Bytes[] {lo, frontCover});
        }
        if (backCover != null) {
            out.add(new Bytes[] {backCover, hi});
        }
        return out;
    }
}
