package dev.sled.spring.boot.autoconfigure;

import dev.sled.SledDb;
import dev.sled.SledTree;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;

/**
 * Registers a {@link SledTree} bean for each name in {@code sled.trees}, qualified by the tree's name
 * ({@code @Qualifier("orders") SledTree orders}). The bean is named {@code <name>SledTree}; an existing
 * bean of that name wins.
 */
class SledTreesRegistrar implements ImportBeanDefinitionRegistrar {

    private final Environment environment;

    SledTreesRegistrar(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        List<String> names = Binder.get(this.environment)
                .bind("sled.trees", Bindable.listOf(String.class))
                .orElse(List.of());
        for (String name : names) {
            if (!StringUtils.hasText(name)) {
                throw new InvalidSledPropertyException("sled.trees", names, "tree names must not be empty");
            }
            String beanName = name + "SledTree";
            if (!registry.containsBeanDefinition(beanName)) {
                registry.registerBeanDefinition(beanName, treeDefinition(name));
            }
        }
    }

    /**
     * A static factory method with the name as its argument and the database autowired, rather than an
     * instance supplier, which ahead-of-time processing (native images, AOT-optimized JVM start-up) cannot
     * turn into code.
     */
    private static RootBeanDefinition treeDefinition(String name) {
        RootBeanDefinition definition = new RootBeanDefinition(SledTreesRegistrar.class);
        definition.setFactoryMethodName("tree");
        definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
        return definition;
    }

    static SledTree tree(SledDb db, String name) {
        return TransactionAwareTrees.expose(db, db.openTree(name));
    }
}
