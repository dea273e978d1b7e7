package dev.sled.samples.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * The library application processed ahead of time, as the Spring Boot build plugins do for native images
 * and AOT-optimized JVMs, then started from the generated code in a fresh JVM.
 */
class LibraryAotTests {

    @TempDir
    Path dir;

    @Test
    void startsFromAheadOfTimeGeneratedCode() throws Exception {
        Path sources = this.dir.resolve("sources");
        Path classes = this.dir.resolve("classes");
        Path resources = this.dir.resolve("resources");
        AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
            .sourceOutput(sources)
            .resourceOutput(resources)
            .classOutput(classes)
            .groupId("dev.sled")
            .artifactId("library")
            .build();
        new SpringApplicationAotProcessor(LibraryApplication.class, settings,
                new String[] { "--" + LibraryApplication.CONFIG_NAME, "--sled.path=" + this.dir.resolve("aot.sled") })
            .process();
        compile(sources, classes);

        String classPath = classes + java.io.File.pathSeparator + resources + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        Path log = this.dir.resolve("out.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dspring.aot.enabled=true", AotMain.class.getName(),
                "--" + LibraryApplication.CONFIG_NAME, "--sled.path=" + this.dir.resolve("run.sled"),
                "--server.port=0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Starting AOT-processed").contains("lent: 1");
    }

    private static void compile(Path sources, Path classes) throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-nowarn"));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> args.add(file.toString()));
        }
        int result = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(result).as("javac of the generated sources").isZero();
    }

    /** Starts the application and lends a book through the generated bean definitions. */
    public static final class AotMain {

        public static void main(String[] args) {
            SpringApplication application = new SpringApplication(LibraryApplication.class);
            application.setMainApplicationClass(LibraryApplication.class); // whose initializer AOT generated
            try (ConfigurableApplicationContext context = application.run(args)) {
                Book book = context.getBean(BookRepository.class).save(Book.of("Lem", "Solaris", 1961));
                context.getBean(MemberRepository.class).save(new Member("ada", "Ada"));
                context.getBean(Lending.class).lend(book.id(), "ada");
                System.out.println("lent: " + context.getBean(Counters.class).value("loans"));
            }
            System.exit(0);
        }
    }
}
