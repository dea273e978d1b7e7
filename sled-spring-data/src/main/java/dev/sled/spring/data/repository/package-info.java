/** Spring Data repositories stored in sled: {@link dev.sled.spring.data.repository.SledRepository}. */
@NullMarked
package dev.sled.spring.data.repository;

import org.jspecify.annotations.NullMarked;
