package dev.asyncprone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated method (or every method of the annotated type) may block the calling thread: it
 * waits for I/O, a lock, a remote call or another thread.
 *
 * <p>asyncprone treats a call to such a method as blocking, exactly like {@code Thread.sleep} or
 * {@code Future.get()}: it is an error where the thread must not block (a callback that runs on the
 * completing thread, a reactive operator, a method that returns a future, a {@link NonBlocking}
 * method). Inside the annotated method itself, blocking is allowed.
 *
 * <p>The annotation is kept in class files, so it works on methods of compiled libraries.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface Blocking {}
