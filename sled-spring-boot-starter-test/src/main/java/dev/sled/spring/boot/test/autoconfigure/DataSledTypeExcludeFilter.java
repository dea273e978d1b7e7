package dev.sled.spring.boot.test.autoconfigure;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** The type filter of {@link DataSledTest @DataSledTest}: no component is scanned unless included. */
class DataSledTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DataSledTest> {

    DataSledTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}
