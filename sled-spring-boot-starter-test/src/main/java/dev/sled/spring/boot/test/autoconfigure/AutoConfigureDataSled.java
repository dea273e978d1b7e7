package dev.sled.spring.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Applies the auto-configuration a sled test needs: the database in a temporary directory, trees,
 * transactions and repositories. The list is in
 * {@code META-INF/spring/dev.sled.spring.boot.test.autoconfigure.AutoConfigureDataSled.imports}.
 *
 * @since 0.1.0
 * @see DataSledTest
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDataSled {
}
