package dev.asyncprone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated executor (a field, parameter, local variable, or a method that returns one) is
 * sized and meant for blocking work: I/O, JDBC, remote calls that wait.
 *
 * <p>Blocking work handed to it is left alone, and where blocking work runs on the common pool and
 * exactly one such executor is in scope, asyncprone suggests passing it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.LOCAL_VARIABLE, ElementType.METHOD})
public @interface BlockingExecutor {}
