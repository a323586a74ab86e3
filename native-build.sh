#!/usr/bin/env bash
# Builds a native executable of every service (services/<name>/target/<name>-*-runner).
# Uses a local GraalVM/Mandrel when there is one (native-image on PATH, or GRAALVM_HOME), else builds inside a
# container when Docker or Podman works, else says what is missing and fails.
#   ./native-build.sh [--images] [service ...]     default: every module of services/pom.xml
#   --images   also build the container image tickflow/<service>:<version> of each (deploy/Containerfile.native),
#              which deploy/kustomization.yaml runs; needs Docker or Podman.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/find-jdk.sh

images=false
if [ "${1:-}" = "--images" ]; then
  images=true
  shift
fi
engine=""
if docker info >/dev/null 2>&1; then engine=docker; elif podman info >/dev/null 2>&1; then engine=podman; fi
if $images && [ -z "$engine" ]; then
  echo "native-build: --images needs Docker or Podman" >&2
  exit 2
fi
services=("$@")
if [ ${#services[@]} -eq 0 ]; then
  mapfile -t services < <(sed -n 's#.*<module>\(.*\)</module>.*#\1#p' services/pom.xml)
fi
modules="$(printf 'services/%s,' "${services[@]}")"
modules="${modules%,}"

extra=()
if [ -n "${GRAALVM_HOME:-}" ] && [ -x "$GRAALVM_HOME/bin/native-image" ]; then
  echo "native-build: GraalVM at $GRAALVM_HOME"
  export JAVA_HOME="$GRAALVM_HOME"
elif command -v native-image >/dev/null 2>&1; then
  GRAALVM_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v native-image)")")")"
  export GRAALVM_HOME JAVA_HOME="$GRAALVM_HOME"
  echo "native-build: GraalVM at $GRAALVM_HOME"
elif docker info >/dev/null 2>&1; then
  echo "native-build: no local GraalVM; building in a container with Docker"
  extra+=(-Dquarkus.native.container-build=true -Dquarkus.native.container-runtime=docker)
elif podman info >/dev/null 2>&1; then
  echo "native-build: no local GraalVM; building in a container with Podman"
  extra+=(-Dquarkus.native.container-build=true -Dquarkus.native.container-runtime=podman)
else
  cat >&2 <<'MSG'
native-build: cannot build native executables here. Install one of:
  - GraalVM or Mandrel for JDK 21+ (native-image on PATH, or GRAALVM_HOME pointing at it), or
  - a working Docker or Podman engine (the build then runs in Quarkus's Mandrel builder image).
MSG
  exit 2
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  JAVA_HOME="$(find_jdk)" || { echo "native-build: needs a JDK 21+ to run Maven" >&2; exit 2; }
  export JAVA_HOME
fi

./mvnw -B -ntp install -DskipTests -pl "$modules" -am
./mvnw -B -ntp package -Dnative -DskipTests -pl "$modules" "${extra[@]}"
for service in "${services[@]}"; do
  ls -l services/"$service"/target/*-runner
done
if $images; then
  version="$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -1)"
  for service in "${services[@]}"; do
    "$engine" build -f deploy/Containerfile.native --build-arg SERVICE="$service" -t "tickflow/$service:$version" .
  done
fi
