package dev.sled.spring.boot.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** {@code TestContextBootstrapper} for {@link DataSledTest @DataSledTest}. */
class DataSledTestContextBootstrapper extends TestSliceTestContextBootstrapper<DataSledTest> {
}
