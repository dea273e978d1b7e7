package dev.sled.spring.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.transaction.annotation.Transactional;

/**
 * Annotation for a sled test that focuses only on sled components: the database (in a temporary
 * directory deleted when the context closes), its trees, the transaction manager and repositories.
 * Other beans are not scanned; add them with {@link #includeFilters()} or {@code @Import}.
 *
 * <p>Each test runs in a sled transaction that is rolled back at its end, so tests do not see each
 * other's writes. Annotate a test or class with {@code @Transactional(propagation = NOT_SUPPORTED)} to
 * opt out.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataSledTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataSledTypeExcludeFilter.class)
@Transactional
@AutoConfigureDataSled
@ImportAutoConfiguration
public @interface DataSledTest {

    /** Properties in the form {@literal key=value} to add to the environment before the test runs. */
    String[] properties() default {};

    /** Whether the default filters of {@code @SpringBootApplication} apply. By default no beans are included. */
    boolean useDefaultFilters() default true;

    /** Include filters that add otherwise filtered beans to the application context. */
    Filter[] includeFilters() default {};

    /** Exclude filters that remove beans that would otherwise be added to the application context. */
    Filter[] excludeFilters() default {};

    /** Auto-configuration exclusions for this test. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
