package io.offswitch.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * "The rate of {@link #finding} is at most {@link #atMost} at {@link #confidence} confidence", for each
 * condition of the {@link SafetyTest}. It passes when the one-sided Clopper-Pearson upper bound is below
 * the limit, fails when the lower bound is at or above it, and is inconclusive (the test fails too)
 * otherwise.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Claims.class)
public @interface Claim {
    Finding finding();

    /** The largest acceptable rate, strictly between 0 and 1. */
    double atMost();

    /** The one-sided confidence of the bound, strictly between 0 and 1. */
    double confidence() default 0.95;
}
