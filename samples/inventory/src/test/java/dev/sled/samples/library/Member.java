package dev.sled.samples.library;

import dev.sled.spring.data.mapping.SledEntity;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** A library member: a mutable bean with a {@code String} id chosen by the application and a version. */
@SledEntity
public class Member {

    @Id
    private String id;

    private String name;

    private int loans;

    @Version
    private Long version;

    protected Member() {
    }

    public Member(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getLoans() {
        return this.loans;
    }

    public void setLoans(int loans) {
        this.loans = loans;
    }

    public Long getVersion() {
        return this.version;
    }
}
