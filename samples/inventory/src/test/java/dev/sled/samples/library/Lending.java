package dev.sled.samples.library;

import dev.sled.Bytes;
import dev.sled.SledDb;
import dev.sled.SledTree;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lends books: one transaction reads the book and the member, writes a loan and the member (two
 * repositories) and the {@code counters} and {@code audit} trees.
 */
@Service
@Transactional
public class Lending {

    private final SledDb db;

    private final BookRepository books;

    private final MemberRepository members;

    private final LoanRepository loans;

    private final Counters counters;

    private final SledTree audit;

    public Lending(SledDb db, BookRepository books, MemberRepository members, LoanRepository loans, Counters counters,
            @Qualifier("audit") SledTree audit) {
        this.db = db;
        this.books = books;
        this.members = members;
        this.loans = loans;
        this.counters = counters;
        this.audit = audit;
    }

    public Loan lend(long bookId, String memberId) {
        Book book = this.books.findById(bookId).orElseThrow(() -> new IllegalArgumentException("no book " + bookId));
        Member member = this.members.findById(memberId)
            .orElseThrow(() -> new IllegalArgumentException("no member " + memberId));
        if (this.loans.existsByBookId(book.id())) {
            throw new BookUnavailableException(book.id());
        }
        Loan loan = this.loans.save(new Loan(UUID.randomUUID(), book.id(), memberId, Instant.now()));
        member.setLoans(member.getLoans() + 1);
        this.members.save(member);
        this.counters.increment("loans");
        this.audit.insert(Bytes.ofLong(this.db.generateId()), Bytes.of(memberId + " borrowed " + bookId));
        return loan;
    }

    /** Does everything {@link #lend} does, then fails: nothing of it may remain. */
    public Loan lendAndFail(long bookId, String memberId) {
        lend(bookId, memberId);
        throw new IllegalStateException("the printer is on fire");
    }

    /** A bug: a write in a read-only transaction, which must be refused. */
    @Transactional(readOnly = true)
    public Book addInReadOnlyTransaction(Book book) {
        return this.books.save(book);
    }

    /** An audit entry in its own transaction, kept even when the caller's transaction rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void auditSeparately(String entry) {
        this.audit.insert(Bytes.ofLong(this.db.generateId()), Bytes.of(entry));
    }

    /** An unchecked exception: rolls back. */
    public static class BookUnavailableException extends RuntimeException {

        public BookUnavailableException(long bookId) {
            super("book " + bookId + " is already lent");
        }
    }
}
