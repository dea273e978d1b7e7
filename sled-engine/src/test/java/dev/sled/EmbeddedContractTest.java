package dev.sled;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded engine, with tiny nodes so splits and merges happen constantly. */
class EmbeddedContractTest extends SledContractTests {

    @TempDir
    Path dir;

    @Override
    protected SledDb openDb() {
        return SledConfig.builder().path(dir.resolve("db")).nodeMaxEntries(4).segmentSize(4096).open();
    }
}
