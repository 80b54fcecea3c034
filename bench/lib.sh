# Shared by bench/run and bench/real-world: sourced, not run.
#
# Everything downloaded or built lands in bench/work/ (git-ignored); reports in bench/results/.
# Maven is the only download client: it fetches into ~/.m2 (never `mvn install`).

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="$BENCH_DIR/work"
RESULTS_DIR="$BENCH_DIR/results"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}javac"

# javac's internals, opened to Error Prone (as in .mvn/jvm.config).
JAVAC_OPENS=(
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.main=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.model=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.processing=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED
  --add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED
)

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The feature version of the JDK that runs us: 17, 21, 25, ...
jdk_feature() {
  "$JAVA_BIN" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -1
}

mvn_q() {
  # Quiet Maven, online so that a cold ~/.m2 fills; its output only on failure. BENCH_MVN_OPTS adds
  # flags to every call (-Dmaven.repo.local=... for a cache of CI's own).
  local out
  # shellcheck disable=SC2086
  if ! out="$(mvn -B -q ${BENCH_MVN_OPTS:-} "$@" 2>&1)"; then
    printf '%s\n' "$out" | tail -40 >&2
    return 1
  fi
}

# Builds checks/ (and annotations/) into checks/target/asyncprone-checks-*.jar and copies it to
# bench/work/asyncprone-checks-jdkN.jar, which the run uses (a build in the work tree while the run
# goes on then cannot change the jar under it). A jar built by another JDK, so against another
# Error Prone, is rebuilt from clean. SKIP_BUILD=1 uses the copy this JDK made last time;
# ASYNCPRONE_JAR=path uses that jar (built by the caller with the same JDK) and builds nothing.
build_plugin() {
  local feature marker jar
  feature="$(jdk_feature)"
  marker="$REPO_DIR/checks/target/bench-built-with"
  PLUGIN_JAR="$WORK_DIR/asyncprone-checks-jdk$feature.jar"
  mkdir -p "$WORK_DIR"
  if [[ -n "${ASYNCPRONE_JAR:-}" ]]; then
    # A jar the caller just built with this same JDK (CI, right after its mvn verify).
    [[ -f "$ASYNCPRONE_JAR" ]] || die "ASYNCPRONE_JAR=$ASYNCPRONE_JAR does not exist"
    PLUGIN_JAR="$ASYNCPRONE_JAR"
    return 0
  fi
  if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    [[ -f "$PLUGIN_JAR" ]] || die "SKIP_BUILD=1, but no $PLUGIN_JAR yet: run once without it"
    return 0
  fi
  # Incremental only where this script made checks/target with this JDK and nothing rebuilt it
  # since (a build by another JDK compiles against another Error Prone).
  local goals=(package)
  if [[ -d "$REPO_DIR/checks/target/classes" ]] && { [[ ! -f "$marker" ]] \
      || [[ "$(cat "$marker")" != "$feature" ]] \
      || [[ -n "$(find "$REPO_DIR/checks/target/classes" -newer "$marker" -print -quit)" ]]; }; then
    goals=(clean package)
  fi
  log "building the plugin (mvn ${goals[*]} -pl checks -am) on JDK $feature"
  (cd "$REPO_DIR" && mvn_q -o "${goals[@]}" -DskipTests -pl checks -am) \
    || (cd "$REPO_DIR" && mvn_q "${goals[@]}" -DskipTests -pl checks -am) \
    || die "the plugin does not build"
  echo "$feature" > "$marker"
  jar="$(ls "$REPO_DIR"/checks/target/asyncprone-checks-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc\|-tests' | head -1)"
  [[ -n "$jar" ]] || die "no checks/target/asyncprone-checks-*.jar after the build"
  cp "$jar" "$PLUGIN_JAR.tmp.$$" && mv -f "$PLUGIN_JAR.tmp.$$" "$PLUGIN_JAR"
}

# This run's own copy of the plugin jar, removed when the run ends: javac opens the processor path
# anew for every compilation, so a jar that another run replaces would change under this one.
private_plugin_jar() {
  local own="$WORK_DIR/plugin-run-$$.jar"
  cp "$PLUGIN_JAR" "$own"
  trap 'rm -f "'"$own"'"' EXIT
  PLUGIN_JAR="$own"
}

# Error Prone's processor path for this JDK, resolved by Maven through a pom whose parent is the
# project's: the same JDK profiles pick the same Error Prone version as the build does.
resolve_errorprone() {
  local feature dir
  feature="$(jdk_feature)"
  dir="$WORK_DIR/errorprone-jdk$feature"
  mkdir -p "$dir"
  if [[ ! -s "$dir/classpath.txt" || "$REPO_DIR/pom.xml" -nt "$dir/classpath.txt" ]]; then
    log "resolving Error Prone for JDK $feature"
    cat > "$dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>dev.asyncprone</groupId>
    <artifactId>asyncprone-parent</artifactId>
    <version>$(project_version)</version>
    <relativePath>../../../pom.xml</relativePath>
  </parent>
  <artifactId>asyncprone-bench-errorprone</artifactId>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>com.google.errorprone</groupId>
      <artifactId>error_prone_core</artifactId>
    </dependency>
  </dependencies>
</project>
EOF
    mvn_q -f "$dir/pom.xml" "$DEP_PLUGIN:build-classpath" -Dmdep.outputFile="$dir/classpath.txt" \
      || die "cannot resolve error_prone_core"
  fi
  EP_CLASSPATH="$(cat "$dir/classpath.txt")"
  EP_VERSION="$(tr ':' '\n' < "$dir/classpath.txt" | sed -n 's|.*/error_prone_core-\([^/]*\)\.jar$|\1|p' | head -1)"
  [[ -n "$EP_VERSION" ]] || die "error_prone_core is not on $dir/classpath.txt"
}

project_version() {
  sed -n '0,/<artifactId>asyncprone-parent<\/artifactId>/d; s|^ *<version>\(.*\)</version>.*|\1|p' \
    "$REPO_DIR/pom.xml" | head -1
}

# Fetches one library of corpus.list: its sources into bench/work/corpus/NAME/src, the list of
# files to compile into sources.txt, its classpath into classpath.txt. ARTIFACT may name several
# artifacts joined by '+': their sources are compiled together. PREPARE is - or delombok (see
# corpus.list).
fetch_library() {
  local name="$1" artifact="$2" extra="$3" exclude="$4" prepare="${5:--}"
  local dir="$WORK_DIR/corpus/$name" key
  key="$artifact $extra $exclude $prepare"
  if [[ -f "$dir/ready" && "$(cat "$dir/ready")" == "$key" ]]; then
    return 0
  fi
  log "fetching $name ($artifact)"
  rm -rf "$dir"
  mkdir -p "$dir/src"
  local deps="" a g v c
  for a in ${artifact//+/ } ${extra//,/ }; do
    [[ "$a" == "-" ]] && continue
    IFS=: read -r g c v <<< "$a"
    deps+="    <dependency><groupId>$g</groupId><artifactId>$c</artifactId><version>$v</version></dependency>
"
  done
  cat > "$dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.asyncprone.bench</groupId>
  <artifactId>corpus-$name</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
$deps  </dependencies>
</project>
EOF
  mvn_q -f "$dir/pom.xml" "$DEP_PLUGIN:build-classpath" -Dmdep.outputFile="$dir/classpath.txt" \
    || die "cannot resolve the classpath of $name"
  for a in ${artifact//+/ }; do
    mvn_q -f "$dir/pom.xml" "$DEP_PLUGIN:copy" -Dartifact="$a:jar:sources" \
      -DoutputDirectory="$dir" -Dmdep.stripVersion=false \
      || die "cannot fetch the sources of $a"
  done
  local jar
  for jar in "$dir"/*-sources.jar; do
    (cd "$dir/src" && unzip -q -o "$jar" -x 'META-INF/*')
  done
  rm -f "$dir"/*-sources.jar
  case "$prepare" in
    -) ;;
    delombok) delombok_sources "$dir" ;;
    *) die "corpus.list: $name: unknown preparation '$prepare'" ;;
  esac
  (cd "$dir" && find src -name '*.java' ! -name module-info.java \
      | { if [[ "$exclude" == "-" ]]; then cat; else grep -Ev "$exclude" || true; fi; } \
      | sort | sed "s|^|$dir/|" > sources.txt)
  echo "$key" > "$dir/ready"
}

# Replaces the sources that use Lombok by their delomboked form (plain Java that javac compiles
# without Lombok's annotation processor), with the Lombok jar of the library's classpath (so
# corpus.list's extra column names org.projectlombok:lombok). Delombok prints whole files anew, so
# only the files that mention lombok are replaced: the others keep the library's own lines.
delombok_sources() {
  local dir="$1" lombok
  lombok="$(tr ':' '\n' < "$dir/classpath.txt" | grep '/lombok-[^/]*\.jar$' | head -1)"
  [[ -n "$lombok" ]] || die "$dir: delombok needs org.projectlombok:lombok in the extra column"
  rm -rf "$dir/delombok"
  "$JAVA_BIN" -jar "$lombok" delombok --encoding=UTF-8 -c "$(cat "$dir/classpath.txt")" \
    -d "$dir/delombok" "$dir/src" > "$dir/delombok.log" 2>&1 \
    || { tail -20 "$dir/delombok.log" >&2; die "$dir: delombok failed"; }
  local f
  while read -r f; do
    # Delombok's first line carries the time it ran: dropped, so the code is the same every time.
    tail -n +2 "$dir/delombok/$f" > "$dir/src/$f"
  done < <(cd "$dir/src" && grep -rl --include='*.java' 'lombok' . | sed 's|^\./||')
  rm -rf "$dir/delombok"
}

# Reads corpus.list: one "name artifact extra exclude prepare" line per library (prepare may be
# left out: -), optionally only the libraries named in $LIBS (space-separated).
corpus_lines() {
  grep -Ev '^\s*(#|$)' "$BENCH_DIR/corpus.list" | while read -r name artifact extra exclude prepare; do
    if [[ -z "${LIBS:-}" || " $LIBS " == *" $name "* ]]; then
      echo "$name $artifact $extra $exclude ${prepare:--}"
    fi
  done
}

fetch_corpus() {
  local name artifact extra exclude prepare
  while read -r name artifact extra exclude prepare; do
    fetch_library "$name" "$artifact" "$extra" "$exclude" "$prepare"
  done < <(corpus_lines)
}

# The harness: compiled by the JDK that runs it, against the Error Prone of that JDK, into a folder
# named by a hash of its sources (a run still going keeps its own classes when they change).
build_harness() {
  local feature out hash
  feature="$(jdk_feature)"
  hash="$(cat "$BENCH_DIR"/harness/*.java | sha1sum | cut -c1-12)"
  out="$WORK_DIR/harness-jdk$feature-ep$EP_VERSION-$hash"
  if [[ ! -f "$out/.built" ]]; then
    rm -rf "$out"
    mkdir -p "$out"
    "$JAVAC_BIN" -nowarn -encoding UTF-8 -d "$out" -cp "$EP_CLASSPATH" \
      --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED \
      --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED \
      "$BENCH_DIR"/harness/*.java || die "the harness does not compile"
    touch "$out/.built"
  fi
  HARNESS_CP="$out:$EP_CLASSPATH:$PLUGIN_JAR"
}

# Runs the harness with javac's internals opened; JVM_OPTS adds to the JVM's flags.
harness() {
  # shellcheck disable=SC2086
  "$JAVA_BIN" "${JAVAC_OPENS[@]}" -Xss16m ${HARNESS_HEAP:--Xmx4g} ${JVM_OPTS:-} \
    -cp "$HARNESS_CP" dev.asyncprone.bench.Harness "$@"
}
