package dev.asyncprone.model.context;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.Annotations;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.Spring;
import dev.asyncprone.model.context.AsyncContext.Kind;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.support.LastTreeMemo;
import dev.asyncprone.model.support.Options;
import dev.asyncprone.model.support.PerUnitCache;
import java.util.Optional;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * For any tree, the innermost enclosing context that decides whether it may block: a callback that
 * runs on the completing thread, an offload to an executor, a reactive operator, a method that
 * returns a future, a {@code @NonBlocking} method, or plain synchronous code.
 *
 * <p>It walks the tree's own path outwards and stops at the first lambda, method reference,
 * anonymous class or method whose thread it can tell, so its cost is the depth of the tree, not the
 * size of the method. Where code is handed to a call, the rules of the call's library decide
 * ({@link JdkHandOffs}, {@link GuavaHandOffs}, {@link ReactiveHandOffs}, {@link VertxHandOffs}).
 *
 * <p>One instance serves every check of a compilation: Error Prone's injector makes it once per
 * compilation from the compilation's flags and hands it to each check's {@code @Inject}
 * constructor, so that the answers it keeps for a file are computed once for all the checks.
 */
public final class Contexts {
  private final ImmutableSet<String> blockingAnnotations;
  private final ImmutableSet<String> nonBlockingAnnotations;
  private final PerUnitCache<MethodTree, AsyncContext> methodContexts = new PerUnitCache<>();
  // Empty where the code it is handed to runs it on the spot: the enclosing context decides.
  private final PerUnitCache<Tree, Optional<AsyncContext>> functionalContexts =
      new PerUnitCache<>();
  private final ImmutableList<HandOff.Rule> rules;
  private final LastTreeMemo<AsyncContext> lastAsked = new LastTreeMemo<>();

  @Inject
  public Contexts(ErrorProneFlags flags) {
    this(Options.from(flags));
  }

  public Contexts(Options options) {
    this.blockingAnnotations = Annotations.blocking(options);
    this.nonBlockingAnnotations = Annotations.nonBlocking(options);
    JdkHandOffs jdk = new JdkHandOffs(this);
    ReactiveHandOffs reactive = new ReactiveHandOffs();
    // In this order: Guava's executor-taking callbacks before the executors' own methods, which
    // ListeningExecutorService shares; streams and collections last.
    this.rules =
        ImmutableList.of(
            jdk::threadsAndStages,
            GuavaHandOffs::contextOf,
            jdk::executors,
            reactive::contextOf,
            VertxHandOffs::contextOf,
            jdk::streamsAndCollections);
  }

  /** The context of the tree {@code state} is at. */
  public AsyncContext of(VisitorState state) {
    // Both checks about where blocking happens ask it of every call, one after the other.
    return lastAsked.get(state.getPath().getLeaf(), state, leaf -> of(state.getPath(), state));
  }

  /** The context of the tree at {@code path}. */
  public AsyncContext of(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      switch (leaf.getKind()) {
        case LAMBDA_EXPRESSION:
        case MEMBER_REFERENCE:
          {
            TreePath functional = p;
            AsyncContext handedTo =
                functionalContexts
                    .get(leaf, state, f -> Optional.ofNullable(handedOver(functional, state)))
                    .orElse(null);
            if (handedTo != null) {
              return handedTo;
            }
            break;
          }
        case METHOD:
          {
            TreePath anonymous = anonymousClassPath(p);
            if (anonymous != null) {
              AsyncContext handedTo = handedOver(anonymous, state);
              if (handedTo == null) {
                p = anonymous;
                break;
              }
              if (handedTo.kind() != Kind.UNKNOWN) {
                return handedTo;
              }
            }
            return methodContexts.get(
                (MethodTree) leaf, state, method -> methodContext(method, state));
          }
        case CLASS:
        case ENUM:
        case INTERFACE:
        case ANNOTATION_TYPE:
          // Field initializers and initializer blocks.
          return AsyncContext.of(Kind.SYNCHRONOUS);
        default:
          if (leaf.getKind().name().equals("RECORD")) {
            return AsyncContext.of(Kind.SYNCHRONOUS);
          }
          break;
      }
    }
    return AsyncContext.of(Kind.SYNCHRONOUS);
  }

  /** The path of the {@code new X() {...}} whose body declares the method at {@code methodPath}. */
  private static @Nullable TreePath anonymousClassPath(TreePath methodPath) {
    TreePath classPath = methodPath.getParentPath();
    if (classPath == null || !(classPath.getLeaf() instanceof ClassTree)) {
      return null;
    }
    TreePath newClassPath = classPath.getParentPath();
    if (newClassPath != null && newClassPath.getLeaf() instanceof NewClassTree) {
      return newClassPath;
    }
    return null;
  }

  /**
   * The context of code handed over as a lambda, method reference or anonymous class: decided by
   * the call it is passed to. Null when that call runs it right away, on the calling thread (a
   * sequential stream, {@code forEach}, {@code Optional.map}): then the enclosing context decides.
   */
  private @Nullable AsyncContext handedOver(TreePath functionalPath, VisitorState state) {
    TreePath parentPath = Trees.callTakingAsArgument(functionalPath);
    if (parentPath == null) {
      return implementedContract(functionalPath, state);
    }
    Tree parent = parentPath.getLeaf();
    if (!(ASTHelpers.getSymbol(parent) instanceof MethodSymbol method)) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    if (!(parent instanceof MethodInvocationTree call)) {
      return JdkHandOffs.newThread(functionalPath, parent, method, state);
    }
    HandOff handOff =
        new HandOff(
            functionalPath,
            parentPath,
            call,
            method,
            Symbols.name(method, state),
            Symbols.qualifiedName(method.owner, state),
            ASTHelpers.getReceiver(call),
            ContextWords.describe(functionalPath.getLeaf()));
    for (HandOff.Rule rule : rules) {
      AsyncContext context = rule.contextOf(handOff, state);
      if (context != null) {
        return context == HandOff.RUNS_HERE ? null : context;
      }
    }
    return implementedContract(functionalPath, state);
  }

  /**
   * A lambda or method reference whose functional interface method is annotated {@code
   * NonBlocking}: it must not block, wherever it runs. Otherwise unknown.
   */
  private AsyncContext implementedContract(TreePath functionalPath, VisitorState state) {
    Tree functional = functionalPath.getLeaf();
    if (!(functional instanceof LambdaExpressionTree
        || functional instanceof MemberReferenceTree)) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    Type type = ASTHelpers.getType(functional);
    if (type == null) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    Symbol descriptor;
    try {
      descriptor = state.getTypes().findDescriptorSymbol(type.tsym);
    } catch (RuntimeException notFunctional) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    if (!(descriptor instanceof MethodSymbol implemented)) {
      return AsyncContext.of(Kind.UNKNOWN);
    }
    Annotations.Found found = Annotations.governing(implemented, nonBlockingAnnotations, state);
    return found == null
        ? AsyncContext.of(Kind.UNKNOWN)
        : ContextWords.implementsNonBlocking(functional, descriptor, found);
  }

  private AsyncContext methodContext(MethodTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null) {
      return AsyncContext.of(Kind.SYNCHRONOUS);
    }
    if (Annotations.governing(method, blockingAnnotations, state) != null) {
      return ContextWords.blockingAllowed(tree, nameOf(method, state));
    }
    if (Annotations.has(method, Spring.ASYNC, state)
        || Annotations.has(method.owner, Spring.ASYNC, state)) {
      return ContextWords.springAsync(tree, nameOf(method, state));
    }
    Annotations.Found nonBlocking = Annotations.governing(method, nonBlockingAnnotations, state);
    if (nonBlocking != null) {
      return ContextWords.nonBlockingMethod(tree, method, nameOf(method, state), nonBlocking);
    }
    AsyncKind returned =
        method.isConstructor() ? null : AsyncTypes.kindOf(method.getReturnType(), state);
    if (returned != null) {
      return ContextWords.asyncMethod(tree, nameOf(method, state), returned);
    }
    return new AsyncContext(Kind.SYNCHRONOUS, tree, null, null, "", "");
  }

  /** The method's name for messages: its class's for a constructor. */
  private static String nameOf(MethodSymbol method, VisitorState state) {
    return method.isConstructor() ? Symbols.name(method.owner, state) : Symbols.name(method, state);
  }
}
