package dev.asyncprone.model.api;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.asyncprone.model.javac.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a call does, as far as its name tells: a read ({@code find}, {@code getUser}, {@code
 * listOrders}) or a step whose order is usually the point: a write ({@code save}, {@code
 * createOrder}, {@code send}) or a gate ({@code authorize}, {@code validate}, {@code lock}, {@code
 * connect}). Checks that would reorder or overlap calls leave the ordered ones alone; names are
 * split at camel-case humps and underscores and compared word by word.
 */
public final class Verbs {
  /** First words of methods that only read. */
  private static final ImmutableSet<String> READS =
      ImmutableSet.of(
          "get",
          "find",
          "fetch",
          "load",
          "list",
          "read",
          "query",
          "search",
          "count",
          "lookup",
          "exists",
          "contains",
          "is",
          "has",
          "select",
          "retrieve",
          "resolve",
          "describe",
          "download",
          "compute",
          "calculate",
          "estimate",
          "quote");

  /** Words that say a call changes state somewhere, or starts something others rely on. */
  private static final ImmutableSet<String> WRITES =
      ImmutableSet.of(
          "save",
          "store",
          "persist",
          "insert",
          "update",
          "upsert",
          "delete",
          "remove",
          "put",
          "post",
          "patch",
          "create",
          "add",
          "append",
          "write",
          "send",
          "publish",
          "emit",
          "enqueue",
          "push",
          "offer",
          "commit",
          "rollback",
          "begin",
          "start",
          "stop",
          "open",
          "close",
          "register",
          "unregister",
          "subscribe",
          "unsubscribe",
          "reserve",
          "release",
          "book",
          "cancel",
          "charge",
          "pay",
          "refund",
          "transfer",
          "approve",
          "reject",
          "notify",
          "trigger",
          "schedule",
          "set",
          "increment",
          "decrement",
          "reset",
          "clear",
          "flush",
          "mark",
          "ack",
          "acknowledge",
          "confirm",
          "import",
          "upload",
          "move",
          "copy",
          "rename",
          "init",
          "initialize",
          "provision",
          "deploy",
          "migrate",
          "sync",
          "invalidate",
          "evict",
          "assign",
          "claim",
          "consume",
          "poll",
          "take",
          "next",
          "drain",
          "truncate",
          "drop",
          "purge",
          "archive",
          "restore",
          "replace",
          "modify",
          "edit",
          "change",
          "enroll",
          "activate",
          "deactivate",
          "enable",
          "disable",
          "grant",
          "revoke",
          "log",
          "record",
          "audit",
          "track");

  /** Words of calls that let later work through: whatever follows relies on them having run. */
  private static final ImmutableSet<String> GATES =
      ImmutableSet.of(
          "lock",
          "unlock",
          "acquire",
          "connect",
          "disconnect",
          "login",
          "logout",
          "logon",
          "authenticate",
          "authorize",
          "authorise",
          "check",
          "verify",
          "validate",
          "ensure",
          "require",
          "assert",
          "await",
          "wait",
          "warm",
          "warmup",
          "prepare",
          "handshake",
          "refresh",
          "renew",
          "reload");

  /**
   * First words of calls that run whatever they are given ({@code session.execute(statement)},
   * {@code client.request(...)}): what they do, and so whether a later call on the same object
   * depends on them, the name does not say.
   */
  private static final ImmutableSet<String> COMMANDS =
      ImmutableSet.of(
          "execute",
          "exec",
          "run",
          "call",
          "invoke",
          "perform",
          "process",
          "handle",
          "dispatch",
          "submit",
          "apply",
          "do",
          "eval",
          "evaluate",
          "transact",
          "request",
          "command");

  private static final ImmutableSet<String> JOINERS = ImmutableSet.of("and", "or", "then");

  /**
   * Names of calls that bound how fast or how many ({@code Semaphore.acquire}, Guava's {@code
   * RateLimiter.acquire}, resilience4j's {@code acquirePermission}, {@code Thread.sleep}): a loop
   * that makes one throttles itself on purpose.
   */
  private static final ImmutableSet<String> THROTTLES =
      ImmutableSet.of("acquire", "tryAcquire", "acquirePermission", "sleep", "throttle");

  private Verbs() {}

  /** True if {@code methodName} names a call that throttles ({@link #THROTTLES}). */
  public static boolean isThrottle(String methodName) {
    return THROTTLES.contains(methodName);
  }

  /**
   * True if the name's first word says the call runs whatever it is given ({@link #COMMANDS}):
   * {@code execute}, {@code executeAsync}, {@code runQuery}, {@code request}.
   */
  public static boolean isCommand(String methodName) {
    List<String> words = words(methodName);
    return !words.isEmpty() && COMMANDS.contains(words.get(0));
  }

  /** The last word of a name, in lower case: {@code profile} for {@code userProfile}; or "". */
  public static String lastWord(String name) {
    List<String> words = words(name);
    return words.isEmpty() ? "" : words.get(words.size() - 1);
  }

  /** True if the name says the method only reads: a read comes first, and nothing is joined on. */
  public static boolean isRead(String methodName) {
    List<String> words = words(methodName);
    if (words.isEmpty() || !READS.contains(words.get(0))) {
      return false;
    }
    for (String word : words) {
      if (JOINERS.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if the name says the call writes or gates: a step whose order is usually the point. A name
   * that starts with a read is ordered only by what is joined on ({@code getOrCreate}, {@code
   * findAndLock}), so that {@code getPost} and {@code findRecord} stay reads.
   */
  public static boolean isOrdered(String methodName) {
    List<String> words = words(methodName);
    boolean afterJoiner = words.isEmpty() || !READS.contains(words.get(0));
    for (String word : words) {
      if (JOINERS.contains(word)) {
        afterJoiner = true;
      } else if (afterJoiner && (WRITES.contains(word) || GATES.contains(word))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first call that {@link #isOrdered} says keeps its place: {@code call} itself, or a call (or
   * method reference) in the code it is handed, as in {@code supplyAsync(() -> repo.save(o))}. Null
   * if there is none.
   */
  public static @Nullable String orderedCallIn(Tree call) {
    String own = Trees.methodName(call);
    return isOrdered(own) ? own : orderedCallHandedTo(call);
  }

  /**
   * The first ordered call (or method reference) in the lambdas and references {@code call} is
   * given.
   */
  private static @Nullable String orderedCallHandedTo(Tree call) {
    String[] found = {null};
    for (ExpressionTree argument : Trees.arguments(call)) {
      if (!Trees.isFunctional(argument)) {
        continue;
      }
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          note(node);
          return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
          note(node);
          return super.visitMemberReference(node, unused);
        }

        private void note(Tree node) {
          Symbol symbol = ASTHelpers.getSymbol(node);
          if (found[0] == null && symbol != null && isOrdered(symbol.getSimpleName().toString())) {
            found[0] = symbol.getSimpleName().toString();
          }
        }
      }.scan(argument, null);
    }
    return found[0];
  }

  /**
   * The first ordered call along {@code expression}'s receiver chain: the call that makes the first
   * future ({@code save} for {@code repo.save(o).thenApply(Order::id)}), or a call in code handed
   * to any call of the chain ({@code record} for {@code find(id).thenApply(u -> audit.record(u))}).
   * The names of the stages themselves ({@code thenApply}, {@code map}) say nothing. Null if none.
   */
  public static @Nullable String orderedAlong(
      @Nullable ExpressionTree expression, VisitorState state) {
    for (ExpressionTree e = expression; e != null; e = Trees.receiver(e)) {
      e = ASTHelpers.stripParentheses(e);
      if (!(e instanceof MethodInvocationTree)) {
        return null;
      }
      ExpressionTree receiver = Trees.receiver(e);
      boolean stage =
          receiver != null && AsyncTypes.isFutureLike(ASTHelpers.getType(receiver), state);
      String ordered = stage ? orderedCallHandedTo(e) : orderedCallIn(e);
      if (ordered != null) {
        return ordered;
      }
    }
    return null;
  }

  /** The lower-case words of a name: {@code findByIdOrCreate} is find, by, id, or, create. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean boundary =
          Character.isUpperCase(c)
              && word.length() > 0
              && (Character.isLowerCase(name.charAt(i - 1))
                  || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
      if (c == '_' || c == '$' || Character.isDigit(c) || boundary) {
        if (word.length() > 0) {
          words.add(word.toString().toLowerCase(Locale.ROOT));
          word.setLength(0);
        }
        if (c == '_' || c == '$' || Character.isDigit(c)) {
          continue;
        }
      }
      word.append(c);
    }
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
