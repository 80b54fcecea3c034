package dev.asyncprone.model.javac;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Small questions about trees that several parts of the model ask. */
public final class Trees {
  private static final int MAX_LABEL = 40;

  private Trees() {}

  /** True for a loop statement: {@code while}, {@code do}, {@code for} and enhanced {@code for}. */
  public static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree;
  }

  /**
   * The variables an expression reads its value from, through calls and selects on them: {@code f}
   * for {@code f}, {@code this.f}, {@code f.toCompletableFuture()}, {@code futures.get(i)}; both
   * for {@code new CompletableFuture<?>[] {a, b}}. Empty for a fresh value such as {@code g(x)}.
   */
  public static Set<Symbol> rootSymbols(@Nullable ExpressionTree expression, VisitorState state) {
    Set<Symbol> roots = new HashSet<>();
    collectRoots(expression, roots);
    return roots;
  }

  private static void collectRoots(@Nullable ExpressionTree expression, Set<Symbol> roots) {
    ExpressionTree e = expression;
    while (e != null) {
      e = ASTHelpers.stripParentheses(e);
      if (e instanceof TypeCastTree) {
        e = ((TypeCastTree) e).getExpression();
      } else if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
        Symbol symbol = ASTHelpers.getSymbol(e);
        if (symbol instanceof VarSymbol) {
          roots.add(symbol);
          return;
        }
        e = e instanceof MemberSelectTree ? ((MemberSelectTree) e).getExpression() : null;
      } else if (e instanceof MethodInvocationTree) {
        e = receiver(e);
      } else if (e instanceof ArrayAccessTree) {
        e = ((ArrayAccessTree) e).getExpression();
      } else if (e instanceof NewArrayTree) {
        List<? extends ExpressionTree> initializers = ((NewArrayTree) e).getInitializers();
        if (initializers != null) {
          for (ExpressionTree element : initializers) {
            collectRoots(element, roots);
          }
        }
        return;
      } else {
        return;
      }
    }
  }

  /**
   * The receiver of a method call or field access ({@code a} in {@code a.b()} and {@code a.b}),
   * null for anything else, including an unqualified call. Unlike {@link
   * ASTHelpers#getReceiver(ExpressionTree)}, never throws, so it can walk a chain down to its
   * source.
   */
  public static @Nullable ExpressionTree receiver(@Nullable ExpressionTree expression) {
    if (expression instanceof MethodInvocationTree || expression instanceof MemberSelectTree) {
      return ASTHelpers.getReceiver(expression);
    }
    return null;
  }

  /** True if {@code tree} calls the static method {@code owner.name}. */
  public static boolean isStaticCall(Tree tree, String owner, String name, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(tree);
    return method instanceof Symbol.MethodSymbol
        && method.isStatic()
        && Symbols.name(method, state).equals(name)
        && Symbols.qualifiedName(method.owner, state).equals(owner);
  }

  /** The path of {@code ancestor} among the enclosing trees of {@code state}'s path, or null. */
  public static @Nullable TreePath pathOf(@Nullable Tree ancestor, VisitorState state) {
    for (TreePath p = state.getPath(); ancestor != null && p != null; p = p.getParentPath()) {
      if (p.getLeaf() == ancestor) {
        return p;
      }
    }
    return null;
  }

  /**
   * The path of the method call or constructor call that takes the lambda, method reference or
   * anonymous class at {@code functionalPath} as an argument, through parentheses and casts; null
   * if it is not an argument ({@code Runnable r = () -> ...;}).
   */
  public static @Nullable TreePath callTakingAsArgument(TreePath functionalPath) {
    Tree functional = functionalPath.getLeaf();
    TreePath parentPath = functionalPath.getParentPath();
    while (parentPath != null
        && (parentPath.getLeaf() instanceof ParenthesizedTree
            || parentPath.getLeaf() instanceof TypeCastTree)) {
      functional = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    Tree parent = parentPath == null ? null : parentPath.getLeaf();
    return (parent instanceof MethodInvocationTree || parent instanceof NewClassTree)
            && isArgument(functional, parent)
        ? parentPath
        : null;
  }

  /** True if {@code tree} is one of the arguments of {@code invocation}. */
  public static boolean isArgument(Tree tree, Tree invocation) {
    List<? extends ExpressionTree> arguments = arguments(invocation);
    for (ExpressionTree argument : arguments) {
      if (argument == tree || ASTHelpers.stripParentheses(argument) == tree) {
        return true;
      }
    }
    return false;
  }

  /** The arguments of a method invocation or constructor call; empty for anything else. */
  public static List<? extends ExpressionTree> arguments(Tree invocation) {
    if (invocation instanceof MethodInvocationTree) {
      return ((MethodInvocationTree) invocation).getArguments();
    }
    if (invocation instanceof NewClassTree) {
      return ((NewClassTree) invocation).getArguments();
    }
    return List.of();
  }

  /** A lambda, a method reference, or an anonymous class: code handed over to run later. */
  public static boolean isFunctional(Tree tree) {
    return tree instanceof LambdaExpressionTree
        || tree instanceof MemberReferenceTree
        || (tree instanceof NewClassTree && ((NewClassTree) tree).getClassBody() != null);
  }

  /**
   * The body of {@code method} where this compilation compiles it from source, or null: a method
   * read from a class file, or one without a body. Lets a rule look into a callee the build can
   * see, as far as javac has the callee's tree.
   */
  public static @Nullable BlockTree sourceBody(MethodSymbol method, VisitorState state) {
    Tree declaration = sourceTree(method, state);
    return declaration instanceof MethodTree ? ((MethodTree) declaration).getBody() : null;
  }

  /**
   * The declaration of {@code symbol} (a method's MethodTree, a class's ClassTree) where this
   * compilation compiles it from source, or null.
   */
  public static @Nullable Tree sourceTree(Symbol symbol, VisitorState state) {
    return JavacTrees.instance(state.context).getTree(symbol);
  }

  /**
   * The path of the declaration of {@code method} with a body, where this compilation compiles it
   * from source (in its own file, which may not be the one being checked), or null: for analyses
   * that read a callee's code.
   */
  public static @Nullable TreePath sourcePath(MethodSymbol method, VisitorState state) {
    if (!(sourceTree(method, state) instanceof MethodTree tree) || tree.getBody() == null) {
      return null;
    }
    TreePath path = JavacTrees.instance(state.context).getPath(method);
    return path != null && path.getLeaf() == tree ? path : null;
  }

  /** True if {@code tree} holds a method invocation that {@code test} accepts. */
  public static boolean anyCall(@Nullable Tree tree, Predicate<MethodInvocationTree> test) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            return test.test(call) || Boolean.TRUE.equals(super.visitMethodInvocation(call, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * A path to {@code declaration} (a method or class found by {@link #sourceTree}) for walks that
   * stop at it, such as those from a statement out to its method: its parent stands for the real
   * ones, which javac would find only by scanning the whole file the declaration is in.
   */
  public static TreePath detachedPath(Tree declaration, VisitorState state) {
    return new TreePath(new TreePath(state.getPath().getCompilationUnit()), declaration);
  }

  /**
   * True if the tree at {@code path} is in a lambda, a method reference or an anonymous class of
   * the method or initializer around it: code that may run later, or elsewhere.
   */
  public static boolean inFunctionalCode(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MemberReferenceTree) {
        return true;
      }
      if (leaf instanceof ClassTree) {
        TreePath parent = p.getParentPath();
        return parent != null && parent.getLeaf() instanceof NewClassTree;
      }
    }
    return false;
  }

  /**
   * A short name for an expression in a message: its source when that is short ({@code order},
   * {@code repo.find(id)}), else the name of the method that produced it ({@code fetch(...)}).
   */
  public static String label(@Nullable ExpressionTree expression, VisitorState state) {
    if (expression == null) {
      return "the future";
    }
    String source = state.getSourceForNode(expression);
    if (source != null && source.length() <= MAX_LABEL && source.indexOf('\n') < 0) {
      return source;
    }
    Symbol symbol = ASTHelpers.getSymbol(expression);
    if (symbol != null && expression instanceof MethodInvocationTree) {
      return symbol.getSimpleName() + "(...)";
    }
    return symbol != null ? Symbols.name(symbol, state) : "the future";
  }

  /** The path of {@code ancestor}, found walking out from {@code path}; null if it is not there. */
  public static com.sun.source.util.@Nullable TreePath pathOf(
      Tree ancestor, com.sun.source.util.TreePath path) {
    for (com.sun.source.util.TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() == ancestor) {
        return p;
      }
    }
    return null;
  }

  /**
   * The method whose own code the tree at {@code path} is: the nearest enclosing method, or null if
   * a lambda or a class comes first (its code runs at another time, or for another object).
   */
  public static @Nullable MethodSymbol methodRunning(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return null;
      }
      if (leaf instanceof MethodTree) {
        return ASTHelpers.getSymbol((MethodTree) leaf);
      }
    }
    return null;
  }

  /**
   * True if a call in {@code tree}, outside the lambdas and classes in it (code that runs later, or
   * elsewhere), passes {@code test}.
   */
  public static boolean anyCallRunningNow(
      @Nullable Tree tree, Predicate<MethodInvocationTree> test) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree node, Void unused) {
            return test.test(node)
                || Boolean.TRUE.equals(super.visitMethodInvocation(node, unused));
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree node, Void unused) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * The path of the method whose body holds {@code path}, across lambdas but not classes; null in a
   * field's initializer or an initializer block.
   */
  public static @Nullable TreePath enclosingMethodPath(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /** True for a plain {@code this} (not {@code Outer.this}). */
  public static boolean isThis(@Nullable ExpressionTree expression) {
    return expression instanceof IdentifierTree
        && ((IdentifierTree) expression).getName().contentEquals("this");
  }

  /**
   * The operand compared with {@code null} in {@code x == null} or {@code null != x} (either way
   * round, parentheses stripped); null if neither side is {@code null}.
   */
  public static @Nullable ExpressionTree comparedWithNull(
      com.sun.source.tree.BinaryTree comparison) {
    ExpressionTree left = ASTHelpers.stripParentheses(comparison.getLeftOperand());
    ExpressionTree right = ASTHelpers.stripParentheses(comparison.getRightOperand());
    return left.getKind() == Tree.Kind.NULL_LITERAL
        ? right
        : right.getKind() == Tree.Kind.NULL_LITERAL ? left : null;
  }

  /** The simple name of the method a call invokes, or an empty string. */
  public static String methodName(Tree invocation) {
    Symbol symbol = ASTHelpers.getSymbol(invocation);
    return symbol == null ? "" : symbol.getSimpleName().toString();
  }
}
