package dev.sled.spring.data.repository.config;

import dev.sled.spring.data.repository.support.SledRepositoryFactoryBean;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;

/**
 * Creates a bean for every sled repository interface in the annotated class's package (or the given
 * packages). The repositories store through the {@code SledTemplate} bean named by
 * {@link #sledTemplateRef()}; when that is the default and no such bean exists, one is registered for
 * the context's {@link dev.sled.SledDb} bean, with the {@link dev.sled.spring.data.convert.KeyCodecs}
 * and {@link dev.sled.spring.data.convert.ValueCodec} beans when present, otherwise JSON values written
 * with the application's {@code JsonMapper} (or a default one).
 *
 * <pre>{@code
 * @Configuration
 * @EnableSledRepositories
 * class StoreConfig {
 *     @Bean(destroyMethod = "close")
 *     SledDb sledDb() { return Sled.open(Path.of("data.sled")); }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(SledRepositoriesRegistrar.class)
public @interface EnableSledRepositories {

    /** Alias for {@link #basePackages()}. */
    String[] value() default {};

    /** Packages to scan for repository interfaces. */
    String[] basePackages() default {};

    /** Classes whose packages are scanned. */
    Class<?>[] basePackageClasses() default {};

    /** Types to include among the scanned candidates. */
    Filter[] includeFilters() default {};

    /** Types to leave out. */
    Filter[] excludeFilters() default {};

    /** The suffix of custom implementation classes of repository fragments. */
    String repositoryImplementationPostfix() default "Impl";

    /** Where named queries would be; sled repositories derive all queries from method names. */
    String namedQueriesLocation() default "";

    /** How query methods are resolved; every strategy derives the query from the method name. */
    Key queryLookupStrategy() default Key.CREATE_IF_NOT_FOUND;

    /** The factory bean of each repository. */
    Class<?> repositoryFactoryBeanClass() default SledRepositoryFactoryBean.class;

    /** A base class to use instead of {@code SimpleSledRepository}. */
    Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

    /** How repository beans are named. */
    Class<? extends BeanNameGenerator> nameGenerator() default BeanNameGenerator.class;

    /** Whether repository interfaces nested in other classes are picked up. */
    boolean considerNestedRepositories() default false;

    /** When repositories are created. */
    BootstrapMode bootstrapMode() default BootstrapMode.DEFAULT;

    /** The name of the {@code SledTemplate} bean repositories store through. */
    String sledTemplateRef() default "sledTemplate";
}
