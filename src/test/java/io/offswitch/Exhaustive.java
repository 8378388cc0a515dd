package io.offswitch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that repeats, in more variants, a behaviour a faster test already checks in the default run:
 * each further strategy of a multi-machine world, each further way of the same attack. Left out of
 * {@code scripts/test.sh} (and so of CI) to keep it inside its time; {@code scripts/test.sh -Pexhaustive}
 * runs everything, these included.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("exhaustive")
public @interface Exhaustive {}
