# Sourced by scripts/stack, scripts/bench and .ci/run: the JDK they all use.

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Exports JAVA_HOME: the given one when it is 21 or newer, else Temurin 25, else any JDK 21+ under /usr/lib/jvm.
# Returns 1 when there is none.
find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [[ -n $candidate && -x $candidate/bin/java ]] && (( $(java_major "$candidate") >= 21 )) 2>/dev/null; then
      export JAVA_HOME=$candidate
      # Maven's own Guice warns about sun.misc.Unsafe on Java 24+; that is noise.
      if (( $(java_major "$JAVA_HOME") >= 24 )) && [[ ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      fi
      return 0
    fi
  done
  return 1
}
