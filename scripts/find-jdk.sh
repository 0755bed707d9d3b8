#!/usr/bin/env bash
# Prints the home of a JDK >= 25 (JAVA_HOME first, then the JDKs under /usr/lib/jvm), or explains
# what to install and fails. vgrad needs 25: the Vector API incubator module and Java 25 language level.
set -u
required=25

major_of() {  # the feature version a JDK home reports, or nothing
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  echo "${v%%.*}"
}

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
for d in /usr/lib/jvm/*; do [ -d "$d" ] && candidates+=("$d"); done

best="" best_major=0
for home in "${candidates[@]}"; do
  major=$(major_of "$home")
  if [ -n "$major" ] && [ "$major" -ge "$required" ] && [ "$major" -gt "$best_major" ]; then
    best="$home" best_major="$major"
    # JAVA_HOME wins when it is new enough: the user chose it.
    [ "$home" = "${JAVA_HOME:-}" ] && break
  fi
done

if [ -z "$best" ]; then
  echo "vgrad needs a JDK >= $required and found none (looked at JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*)." >&2
  echo "Install one, e.g. Temurin 25 (apt package temurin-25-jdk), or set JAVA_HOME to it." >&2
  exit 1
fi
echo "$best"
