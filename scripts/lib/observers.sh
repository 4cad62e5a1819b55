# shellcheck shell=bash
# The stack's observers, sourced by scripts/stack: Zipkin (the traces every service sends, http://localhost:9411)
# and Prometheus (every instance's metrics and the alert rules of deploy/prometheus, http://localhost:9090).
# STACK_TRACING=off runs no Zipkin and has the services export no spans; STACK_PROMETHEUS=off runs no Prometheus.
# Zipkin is its exec jar from Maven Central (fetched once into .local/tools); Prometheus is Debian's package, run
# when it is installed.

ZIPKIN_VERSION=3.5.1
ZIPKIN_JAR=$LOCAL/tools/zipkin-server-$ZIPKIN_VERSION-exec.jar
OBSERVERS=(zipkin prometheus)
SEED_PORT[zipkin]=9411
SEED_PORT[prometheus]=9090

tracing_on() { [[ ${STACK_TRACING:-on} != off ]]; }

# What the services get: where to send spans, or not to export any.
export_tracing_env() {
  if tracing_on; then
    export TRACING_ENABLED=true ZIPKIN_ENDPOINT=http://127.0.0.1:${SEED_PORT[zipkin]}/api/v2/spans
  else
    export TRACING_ENABLED=false
  fi
}

observer_command_of() {
  case $1 in
    zipkin) echo "zipkin-server-$ZIPKIN_VERSION-exec.jar" ;;
    prometheus) echo "--config.file=$RUN/prometheus.yml" ;;
  esac
}

is_observer() { [[ " ${OBSERVERS[*]} " == *" $1 "* ]]; }

fetch_zipkin() {
  [[ -f $ZIPKIN_JAR ]] && return 0
  say "fetching Zipkin $ZIPKIN_VERSION (io.zipkin:zipkin-server:exec, about 130 MB, once) …"
  mkdir -p "$LOCAL/tools"
  "$ROOT/mvnw" -B -ntp -q -N -f "$ROOT/pom.xml" dependency:copy \
    "-Dartifact=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" "-DoutputDirectory=$LOCAL/tools" >&2
}

start_zipkin() {
  tracing_on || return 0
  fetch_zipkin
  # In-memory storage, the newest 20,000 spans: the last few hundred orders, in a heap that stays small.
  (
    export QUERY_PORT=${SEED_PORT[zipkin]} STORAGE_TYPE=mem MEM_MAX_SPANS=20000 MALLOC_ARENA_MAX=2
    launch zipkin nice -n 10 "$JAVA" -XX:+UseSerialGC -Xmx192m -XX:TieredStopAtLevel=1 -Xss256k -jar "$ZIPKIN_JAR"
  )
  await_port zipkin "${SEED_PORT[zipkin]}"
}

# Prometheus scrapes every instance that runs: the file is written again (and Prometheus reloaded) when they change.
write_prometheus_config() {
  local service name targets
  {
    cat <<EOF
# Written by scripts/stack from the instances it runs; the rules are the repository's (deploy/prometheus/rules).
global:
  scrape_interval: 15s
  evaluation_interval: 30s
rule_files:
  - $ROOT/deploy/prometheus/rules/*.yml
scrape_configs:
EOF
    for service in "${SERVICES[@]}" "$GATEWAY"; do
      targets=()
      for name in $(instances "$service"); do targets+=("\"127.0.0.1:$(management_port_of "$name")\""); done
      printf '  - job_name: %s\n    metrics_path: /actuator/prometheus\n    static_configs: [{targets: [%s]}]\n' \
        "$service" "$(IFS=,; echo "${targets[*]}")"
    done
  } >"$RUN/prometheus.yml.new"
  mv "$RUN/prometheus.yml.new" "$RUN/prometheus.yml"
}

start_prometheus() {
  [[ ${STACK_PROMETHEUS:-on} != off ]] || return 0
  if ! command -v prometheus >/dev/null 2>&1; then
    say "no Prometheus on this machine: 'sudo apt-get install prometheus' and the next 'up' runs it on :9090"
    return 0
  fi
  write_prometheus_config
  mkdir -p "$LOCAL/prometheus"
  launch prometheus nice -n 10 prometheus "--config.file=$RUN/prometheus.yml" "--storage.tsdb.path=$LOCAL/prometheus" \
    --storage.tsdb.retention.time=2d "--web.listen-address=127.0.0.1:${SEED_PORT[prometheus]}" --web.enable-lifecycle
  await_port prometheus "${SEED_PORT[prometheus]}"
}

# After `scale`: the new list of instances, read without a restart.
reload_prometheus() {
  pid_of prometheus >/dev/null || return 0
  write_prometheus_config
  kill -HUP "$(pid_of prometheus)" 2>/dev/null || true
}

start_observer() {
  case $1 in
    zipkin) start_zipkin ;;
    prometheus) start_prometheus ;;
  esac
}

observers_banner() {
  if pid_of zipkin >/dev/null; then
    echo "  traces        http://localhost:${SEED_PORT[zipkin]} (Zipkin: search by traceId, the timeline's and the logs')"
  fi
  if pid_of prometheus >/dev/null; then
    echo "  metrics       http://localhost:${SEED_PORT[prometheus]} (Prometheus: Alerts, Graph; rules in deploy/prometheus)"
  fi
}
