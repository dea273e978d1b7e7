package dev.sled.spring.data.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sled.SledConfig;
import dev.sled.SledDb;
import dev.sled.spring.data.boot.sample.Bookmark;
import dev.sled.spring.data.boot.sample.BookmarkRepository;
import dev.sled.spring.data.core.SledTemplate;
import dev.sled.spring.data.repository.config.EnableSledRepositories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class DataSledRepositoriesAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSledRepositoriesAutoConfiguration.class));

    @Test
    void createsRepositoriesOfTheApplicationPackages() {
        runner.withUserConfiguration(DatabaseConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(BookmarkRepository.class).hasSingleBean(SledTemplate.class);
            BookmarkRepository bookmarks = context.getBean(BookmarkRepository.class);
            Bookmark saved = bookmarks.save(new Bookmark(null, "https://example.org"));
            assertThat(bookmarks.findById(saved.id())).contains(saved);
        });
    }

    @Test
    void backsOffWithoutADatabase() {
        runner.withUserConfiguration(PackagesOnly.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BookmarkRepository.class));
    }

    @Test
    void canBeSwitchedOff() {
        runner.withUserConfiguration(DatabaseConfiguration.class)
                .withPropertyValues("sled.data.repositories.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BookmarkRepository.class));
    }

    @Test
    void backsOffWhenTheApplicationEnablesRepositoriesItself() {
        runner.withUserConfiguration(DatabaseConfiguration.class, ExplicitRepositories.class)
                .run(context -> assertThat(context).hasSingleBean(BookmarkRepository.class));
    }

    @Test
    void storesValuesWithTheApplicationsJsonMapper() {
        runner.withUserConfiguration(DatabaseConfiguration.class, SnakeCaseJson.class).run(context -> {
            Bookmark saved = context.getBean(BookmarkRepository.class).save(new Bookmark(null, "https://example.org"));
            SledDb db = context.getBean(SledDb.class);
            assertThat(db.openTree("bookmark").get(context.getBean(SledTemplate.class).store(Bookmark.class).idKey(saved.id()))
                    .toUtf8String()).contains("page_url");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Bookmark.class)
    static class PackagesOnly {
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Bookmark.class)
    static class DatabaseConfiguration {

        @Bean
        SledDb sledDb() {
            try {
                return SledConfig.builder().path(Files.createTempDirectory("sled-boot-test")).temporary(true).open();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableSledRepositories(basePackageClasses = Bookmark.class)
    static class ExplicitRepositories {
    }

    @Configuration(proxyBeanMethods = false)
    static class SnakeCaseJson {

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        }
    }
}
