package dev.sled.spring.data.repository;

import dev.sled.spring.data.mapping.Indexed;
import dev.sled.spring.data.mapping.SledEntity;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;

/** A mutable bean with an assigned id, optimistic locking and a transient field. */
@SledEntity
public class Account {

    @Id
    private String id;

    @Version
    private Long version;

    @Indexed
    private String owner;

    private long balance;

    @Transient
    private String note;

    protected Account() {
    }

    public Account(String id, String owner, long balance) {
        this.id = id;
        this.owner = owner;
        this.balance = balance;
    }

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    /** A copy, as a second client holding the same version would have it. */
    public Account copy() {
        Account copy = new Account(id, owner, balance);
        copy.version = version;
        return copy;
    }
}
