package dev.sled.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.sled.Sled;
import dev.sled.SledConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/** A database the engine cannot open at the configured place stops start-up with an analysis, not a bare stack trace. */
class SledDatabaseOpenFailureTests {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SledAutoConfiguration.class));

    private FailureAnalysis analysisOfStartingWith(String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            analysis[0] = FailureAnalysisSupport.analyze(context.getStartupFailure());
        });
        return analysis[0];
    }

    @Test
    void aPathThatIsAFileIsAnInvalidPath() throws IOException {
        Path file = Files.writeString(this.dir.resolve("file"), "keep me");

        FailureAnalysis analysis = analysisOfStartingWith("sled.path=" + file);

        assertThat(analysis.getDescription()).contains("'sled.path'").contains(file + " is a file, not a directory");
        assertThat(analysis.getAction()).contains("'sled.path'");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void aPathUnderAFileIsAnInvalidPath() throws IOException {
        Path file = Files.writeString(this.dir.resolve("file"), "keep me");

        FailureAnalysis analysis = analysisOfStartingWith("sled.path=" + file.resolve("sub/db"));

        assertThat(analysis.getDescription()).contains("'sled.path'").contains(file + " is a file, not a directory");
    }

    @Test
    void createNewOverAnExistingDatabaseNamesThePropertyToReview() {
        Sled.open(this.dir).close();

        FailureAnalysis analysis = analysisOfStartingWith("sled.path=" + this.dir, "sled.create-new=true");

        assertThat(analysis.getDescription()).contains("The sled database at " + this.dir + " could not be opened")
            .contains("already exists");
        assertThat(analysis.getAction()).contains("'sled.create-new'");
    }

    @Test
    void aSegmentSizeOtherThanTheStoredOneNamesThePropertyToRemove() {
        SledConfig.builder().path(this.dir).segmentSize(64 * 1024).open().close();

        FailureAnalysis analysis = analysisOfStartingWith("sled.path=" + this.dir, "sled.segment-size=1MB");

        assertThat(analysis.getDescription()).contains("created with segmentSize 65536").contains("asks for 1048576");
        assertThat(analysis.getAction()).contains("'sled.segment-size'").contains("export");
    }

    @Test
    void compressionOtherThanTheStoredSettingNamesThePropertyToRemove() {
        Sled.open(this.dir).close();

        FailureAnalysis analysis = analysisOfStartingWith("sled.path=" + this.dir, "sled.compression.enabled=true");

        assertThat(analysis.getDescription()).contains("created with compression false");
        assertThat(analysis.getAction()).contains("'sled.compression.enabled'");
    }

    @Test
    void compressionWithoutZstdAsksForZstd() {
        assumeFalse(ClassUtils.isPresent("com.github.luben.zstd.Zstd", null), "zstd-jni is on the class path");

        FailureAnalysis analysis = analysisOfStartingWith("sled.path=" + this.dir, "sled.compression.enabled=true");

        assertThat(analysis.getAction()).contains("com.github.luben:zstd-jni").contains("'sled.compression.enabled'");
    }
}
