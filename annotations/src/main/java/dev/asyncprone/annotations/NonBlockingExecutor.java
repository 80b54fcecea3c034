package dev.asyncprone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated executor (a field, parameter, local variable, or a method that returns one) has few
 * threads shared by many tasks, like an event loop or a CPU-bound pool: no task handed to it may
 * block.
 *
 * <p>asyncprone reports blocking work submitted to it, as it does for the common pool.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.LOCAL_VARIABLE, ElementType.METHOD})
public @interface NonBlockingExecutor {}
