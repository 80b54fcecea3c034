package dev.asyncprone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value that may be consumed at most once.
 *
 * <ul>
 *   <li>On a method: the value it returns may be consumed at most once by its caller.
 *   <li>On a type: every value of that type may be consumed at most once.
 *   <li>On a parameter: the method consumes its argument, so the caller must not consume that
 *       value again, before or after the call.
 * </ul>
 *
 * <p>Consuming a value means any of: awaiting it ({@code get}, {@code join}, {@code block*},
 * {@code blocking*}, {@code await}); subscribing to it; a terminal operation of a stream; composing
 * it ({@code thenApply}, {@code map}, {@code flatMap}, {@code filter}, and every other method that
 * derives a new value from it); passing it to an {@code @AwaitOnce} parameter. Reading its state
 * without consuming it ({@code isDone()}, {@code toString()}) is not a consumption.
 *
 * <p>asyncprone's AwaitOnceViolation check reports, for a local variable or parameter holding
 * such a value: two consumptions on one control-flow path; a consumption inside a loop, or inside a
 * lambda that may run more than once, of a value created outside it; and storing or returning the
 * value after it was consumed. {@link java.util.stream.BaseStream} values (streams) follow this
 * contract without any annotation: their second terminal operation throws {@link
 * IllegalStateException}. For a cold publisher, each consumption repeats its side effects (the
 * request is sent again, the row inserted again).
 *
 * <p>The annotation is kept in class files, so it works on methods of compiled libraries.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.PARAMETER})
public @interface AwaitOnce {}
