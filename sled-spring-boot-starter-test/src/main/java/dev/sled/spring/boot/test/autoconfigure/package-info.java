/** The {@link dev.sled.spring.boot.test.autoconfigure.DataSledTest @DataSledTest} test slice. */
@NullMarked
package dev.sled.spring.boot.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
