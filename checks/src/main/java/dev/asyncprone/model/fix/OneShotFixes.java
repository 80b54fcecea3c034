package dev.asyncprone.model.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.asyncprone.model.api.AsyncKind;
import dev.asyncprone.model.api.AsyncTypes;
import dev.asyncprone.model.api.libraries.JdkTypes;
import dev.asyncprone.model.api.libraries.Vocabulary;
import dev.asyncprone.model.javac.Imports;
import dev.asyncprone.model.javac.Symbols;
import dev.asyncprone.model.javac.Trees;
import dev.asyncprone.model.oneshot.OneShotFlow.Violation;
import dev.asyncprone.model.oneshot.OneShotValues;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The mechanical fixes for a one-shot value consumed twice: a stream from a collection or array is
 * collected once into a List that is streamed for each use; a Mono, Single, Maybe, Completable or
 * Uni returned by an {@code @AwaitOnce} method is shared with {@code .cache()} ({@code
 * .memoize().indefinitely()} for a Uni) where it is made. Null where neither applies: a parameter,
 * a local assigned more than once, a stream whose source may be endless.
 */
public final class OneShotFixes {

  private OneShotFixes() {}

  public static @Nullable SuggestedFix consumeOnce(Violation violation, VisitorState state) {
    VariableTree declaration = violation.declaration();
    VarSymbol variable = violation.variable();
    if (declaration == null
        || declaration.getInitializer() == null
        || variable.getKind() != ElementKind.LOCAL_VARIABLE
        || !ASTHelpers.isConsideredFinal(variable)) {
      return null;
    }
    switch (violation.origin().source()) {
      case STREAM:
        return collectOnce(declaration, variable, state);
      case METHOD:
        return shareWhereMade(declaration, state);
      default:
        return null;
    }
  }

  /**
   * {@code Stream<T> s = src.stream()...;} to {@code List<T> sList = src.stream()....toList();}
   * with every use of {@code s} read as {@code sList.stream()}.
   */
  private static @Nullable SuggestedFix collectOnce(
      VariableTree declaration, VarSymbol variable, VisitorState state) {
    ExpressionTree initializer = declaration.getInitializer();
    Type type = ASTHelpers.getType(initializer);
    boolean implicit = ASTHelpers.hasImplicitType(declaration, state);
    if (type == null
        || !Symbols.qualifiedName(type.tsym, state).equals(JdkTypes.STREAM)
        || !(initializer instanceof MethodInvocationTree)
        || !hasFiniteSource(initializer, state)
        || !(implicit || declaration.getType() instanceof ParameterizedTypeTree)) {
      return null;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    String name = Symbols.name(variable, state);
    String listName =
        (name.endsWith("Stream") && name.length() > 6 ? name.substring(0, name.length() - 6) : name)
            + "List";
    if (method == null || isNameUsed(method, listName)) {
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (!implicit) {
      ParameterizedTypeTree declared = (ParameterizedTypeTree) declaration.getType();
      String list = Imports.qualify(state, fix, JdkTypes.LIST);
      String arguments =
          state
              .getSourceCode()
              .subSequence(
                  ASTHelpers.getStartPosition(declared.getTypeArguments().get(0)),
                  state.getEndPosition(
                      declared.getTypeArguments().get(declared.getTypeArguments().size() - 1)))
              .toString();
      fix.replace(declared, list + "<" + arguments + ">");
    }
    int start = ASTHelpers.getStartPosition(declaration);
    String prefix =
        state
            .getSourceCode()
            .subSequence(start, ASTHelpers.getStartPosition(initializer))
            .toString();
    Matcher found = Pattern.compile("\\b" + Pattern.quote(name) + "(?=\\s*=\\s*$)").matcher(prefix);
    if (!found.find()) {
      return null;
    }
    fix.replace(start + found.start(), start + found.end(), listName);
    fix.postfixWith(
        initializer,
        hasToList(state)
            ? ".toList()"
            : ".collect(" + Imports.qualify(state, fix, JdkTypes.COLLECTORS) + ".toList())");
    for (IdentifierTree use : usesOf(method, variable)) {
      fix.replace(use, listName + ".stream()");
    }
    return fix.build();
  }

  /** {@code Mono<T> m = client.create(o);} to {@code ... = client.create(o).cache();}. */
  private static @Nullable SuggestedFix shareWhereMade(
      VariableTree declaration, VisitorState state) {
    ExpressionTree initializer = declaration.getInitializer();
    if (!(initializer instanceof MethodInvocationTree)
        || OneShotValues.awaitOnceSource(initializer, state) == null) {
      return null;
    }
    Type type = ASTHelpers.getType(initializer);
    AsyncKind kind = AsyncTypes.kindOf(type, state);
    if (kind == null || !type.tsym.getQualifiedName().contentEquals(kind.className())) {
      return null;
    }
    String share = Vocabulary.shareOnce(kind);
    return share == null ? null : SuggestedFix.postfixWith(initializer, share);
  }

  /**
   * True if the stream comes from a collection, an array or listed values: collecting it ends. Not
   * for {@code Stream.generate}, {@code iterate}, I/O streams, or streams handed in.
   */
  private static boolean hasFiniteSource(ExpressionTree initializer, VisitorState state) {
    ExpressionTree e = initializer;
    while (e instanceof MethodInvocationTree) {
      MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) e);
      if (method == null) {
        return false;
      }
      String name = Symbols.name(method, state);
      String owner = Symbols.qualifiedName(method.owner, state);
      if (method.isStatic()) {
        return (owner.equals(JdkTypes.STREAM) && (name.equals("of") || name.equals("empty")))
            || (owner.equals(JdkTypes.ARRAYS) && name.equals("stream"));
      }
      if ((name.equals("stream") || name.equals("parallelStream"))
          && AsyncTypes.isOwnedBy(method, JdkTypes.COLLECTION, state)) {
        return true;
      }
      if (!OneShotValues.isStream(method.owner.type, state)) {
        return false;
      }
      e = OneShotValues.strip(Trees.receiver(e));
    }
    return false;
  }

  private static boolean hasToList(VisitorState state) {
    Symbol stream = state.getSymbolFromString(JdkTypes.STREAM);
    return stream != null && stream.members().findFirst(state.getName("toList")) != null;
  }

  private static boolean isNameUsed(Tree scope, String name) {
    boolean[] used = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        used[0] |= tree.getName().contentEquals(name);
        return null;
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        used[0] |= tree.getName().contentEquals(name);
        return super.visitVariable(tree, unused);
      }
    }.scan(scope, null);
    return used[0];
  }

  private static List<IdentifierTree> usesOf(Tree scope, VarSymbol variable) {
    List<IdentifierTree> uses = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == variable) {
          uses.add(tree);
        }
        return null;
      }
    }.scan(scope, null);
    return uses;
  }
}
