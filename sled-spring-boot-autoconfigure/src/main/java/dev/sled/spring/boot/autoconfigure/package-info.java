/** Auto-configuration for sled: the database, its trees and the {@code sled.*} properties. */
@NullMarked
package dev.sled.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
