package dev.asyncprone.model.support;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code -XepOpt:AsyncProne:...} flag, parsed once per compilation.
 *
 * <ul>
 *   <li>{@code BlockingMethods}: more methods that block, {@code com.acme.Db#query,com.acme.Io#*}.
 *   <li>{@code BlockingAnnotations}: more annotations that mark a method as blocking.
 *   <li>{@code NonBlockingAnnotations}: more annotations that mark a method or type as one that
 *       must not block.
 *   <li>{@code UnboundedWait}: {@code WARN} or {@code ERROR} turns on the UnboundedWait check,
 *       which is quiet by default; {@code OFF} leaves it quiet.
 *   <li>{@code DefaultTimeout}: the bound UnboundedWait's fixes add, {@code 30s}, {@code 500ms},
 *       {@code 2m}, {@code 1h}; without it UnboundedWait offers no fix.
 *   <li>{@code WriteBlockingSummary}: {@code false} keeps the compilation from writing its blocking
 *       summary (what it inferred about its methods) into the class output; on otherwise.
 * </ul>
 *
 * <p>A value that is not valid stops the compile with a message that names the option, the value
 * and what is accepted ({@link OptionValues}); class names take {@code Outer$Inner} and {@code
 * Outer.Inner} alike for a nested class.
 */
public final class Options {
  public static final String PREFIX = "AsyncProne:";

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

  /**
   * A timeout as a build writes it ({@code 30s}): an amount and a unit, with the source text that
   * spells it in a {@code TimeUnit} overload and in a {@code java.time.Duration}.
   */
  public record Timeout(long amount, TimeUnit unit) {
    /** {@code SECONDS}: the name of the TimeUnit constant. */
    public String timeUnitName() {
      return unit.name();
    }

    /** {@code ofSeconds}: the Duration factory for this unit. */
    public String durationFactory() {
      switch (unit) {
        case MILLISECONDS:
          return "ofMillis";
        case MINUTES:
          return "ofMinutes";
        case HOURS:
          return "ofHours";
        default:
          return "ofSeconds";
      }
    }

    /** {@code 30 seconds}, for messages. */
    public String describe() {
      String name = unit.name().toLowerCase(Locale.ROOT);
      return amount + " " + (amount == 1 ? name.substring(0, name.length() - 1) : name);
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; empty for anything else. */
    public static Optional<Timeout> parse(String text) {
      Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        return Optional.empty();
      }
      long amount = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Optional.of(new Timeout(amount, TimeUnit.MILLISECONDS));
        case "m":
          return Optional.of(new Timeout(amount, TimeUnit.MINUTES));
        case "h":
          return Optional.of(new Timeout(amount, TimeUnit.HOURS));
        default:
          return Optional.of(new Timeout(amount, TimeUnit.SECONDS));
      }
    }
  }

  private static final Options DEFAULTS = new Options(ErrorProneFlags.empty());

  private final ErrorProneFlags flags;
  private final ImmutableList<String> extraBlockingMethods;
  private final ImmutableList<String> extraBlockingAnnotations;
  private final ImmutableList<String> extraNonBlockingAnnotations;
  private final Optional<SeverityLevel> unboundedWait;
  private final Optional<Timeout> defaultTimeout;
  private final boolean writeBlockingSummary;

  /**
   * Parses and validates every flag: a value that is not valid throws (see {@link OptionValues}).
   */
  private Options(ErrorProneFlags flags) {
    this.flags = flags;
    this.extraBlockingMethods =
        OptionValues.methods(
            PREFIX + "BlockingMethods",
            get("BlockingMethods").orElse(""),
            flags.getListOrEmpty(PREFIX + "BlockingMethods"));
    this.extraBlockingAnnotations =
        OptionValues.classNames(
            PREFIX + "BlockingAnnotations",
            get("BlockingAnnotations").orElse(""),
            flags.getListOrEmpty(PREFIX + "BlockingAnnotations"));
    this.extraNonBlockingAnnotations =
        OptionValues.classNames(
            PREFIX + "NonBlockingAnnotations",
            get("NonBlockingAnnotations").orElse(""),
            flags.getListOrEmpty(PREFIX + "NonBlockingAnnotations"));
    this.unboundedWait =
        get("UnboundedWait").flatMap(v -> OptionValues.level(PREFIX + "UnboundedWait", v));
    this.defaultTimeout =
        get("DefaultTimeout").map(v -> OptionValues.timeout(PREFIX + "DefaultTimeout", v));
    this.writeBlockingSummary =
        get("WriteBlockingSummary")
            .map(v -> OptionValues.bool(PREFIX + "WriteBlockingSummary", v))
            .orElse(true);
  }

  public static Options from(ErrorProneFlags flags) {
    return flags.isEmpty() ? DEFAULTS : new Options(flags);
  }

  public static Options defaults() {
    return DEFAULTS;
  }

  public ImmutableList<String> extraBlockingMethods() {
    return extraBlockingMethods;
  }

  /** The annotations a build adds to the built-in {@code @Blocking} ones. */
  public ImmutableList<String> extraBlockingAnnotations() {
    return extraBlockingAnnotations;
  }

  /** The annotations a build adds to the built-in {@code @NonBlocking} ones. */
  public ImmutableList<String> extraNonBlockingAnnotations() {
    return extraNonBlockingAnnotations;
  }

  /**
   * The severity {@code -XepOpt:AsyncProne:UnboundedWait} asks for: WARNING for {@code WARN} (or
   * {@code WARNING}), ERROR for {@code ERROR}; empty when it is absent or {@code OFF}. Any other
   * value stopped the compile when these options were made.
   */
  public Optional<SeverityLevel> unboundedWait() {
    return unboundedWait;
  }

  /** The bound of {@code -XepOpt:AsyncProne:DefaultTimeout}, if it is given. */
  public Optional<Timeout> defaultTimeout() {
    return defaultTimeout;
  }

  /**
   * True unless {@code -XepOpt:AsyncProne:WriteBlockingSummary=false}: whether the compilation
   * writes what it inferred about its blocking methods into its class output, for the modules that
   * use it.
   */
  public boolean writeBlockingSummary() {
    return writeBlockingSummary;
  }

  /** The raw value of {@code -XepOpt:AsyncProne:<name>}, for flags that one check reads. */
  public Optional<String> get(String name) {
    return flags.get(PREFIX + name);
  }
}
