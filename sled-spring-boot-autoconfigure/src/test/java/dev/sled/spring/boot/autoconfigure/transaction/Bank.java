package dev.sled.spring.boot.autoconfigure.transaction;

import dev.sled.Bytes;
import dev.sled.SledTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@code @Transactional} methods on the tree {@code accounts}, for the tests on either backend. */
@Service
public class Bank {

    private final AtomicInteger transferAttempts = new AtomicInteger();

    private final SledTree accounts;

    public Bank(@Qualifier("accounts") SledTree accounts) {
        this.accounts = accounts;
    }

    /** Read through a method: the bean is a class proxy whose own fields are unset. */
    public int transferAttempts() {
        return this.transferAttempts.get();
    }

    @Transactional
    public void open(Bytes account, long balance) {
        this.accounts.insert(account, Bytes.ofLong(balance));
    }

    @Transactional
    public void transfer(Bytes from, Bytes to, long amount) {
        this.transferAttempts.incrementAndGet();
        long fromBalance = balance(from);
        long toBalance = balance(to);
        // Widen the window between read and commit so that concurrent transfers really conflict.
        Thread.yield();
        this.accounts.insert(from, Bytes.ofLong(fromBalance - amount));
        this.accounts.insert(to, Bytes.ofLong(toBalance + amount));
    }

    @Transactional(readOnly = true)
    public long balance(Bytes account) {
        return this.accounts.get(account).toLong();
    }

    @Transactional
    public List<Bytes> writeThenRead(Bytes key, Bytes value, Supplier<Bytes> outsideView) {
        this.accounts.insert(key, value);
        List<Bytes> seen = new ArrayList<>();
        seen.add(this.accounts.get(key));
        seen.add(outsideView.get());
        return seen;
    }

    @Transactional
    public void writeThenFail(Bytes key) {
        this.accounts.insert(key, Bytes.of("v"));
        throw new IllegalStateException("the body failed");
    }
}
