package dev.asyncprone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated method or constructor (or every method of the annotated type) must never block the
 * calling thread: it runs on an event loop, a reactive scheduler or another thread that is shared
 * by many tasks.
 *
 * <p>asyncprone reports every await ({@code get()}, {@code join()}, {@code block()}, ...) and every
 * blocking call made directly in its body, and in the bodies of methods that override it. A method
 * may not be both {@link Blocking} and {@code NonBlocking}, and a {@link Blocking} method may not
 * override a {@code NonBlocking} one.
 *
 * <p>The annotation is kept in class files, so it works on methods of compiled libraries.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface NonBlocking {}
