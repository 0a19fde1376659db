# shellcheck shell=bash
# The exporter (`chatgpt-doctor serve`) and a real Prometheus server (Debian's `prometheus`), both in the client
# namespace on its loopback, for the prometheus_scrape scenario. Not sourced by tests/lab/run itself: the scenario
# sources it. Both are children of the harness (start_bg_in: killed by PID at teardown, bounded by DAEMON_LIMIT);
# Prometheus keeps its configuration and its TSDB under $W/prometheus, removed with the run's directory.
#
#   start_exporter PORT ARG...       `$BIN serve --listen 127.0.0.1:PORT` with the lab's check flags and ARG...,
#                                    in a clean environment (as the harness runs the binary); waits until it listens
#   start_prometheus PORT CONFIG     prometheus on 127.0.0.1:PORT with the scrape configuration CONFIG (YAML text)
#   prom_query PORT QUERY            the raw JSON answer of /api/v1/query for QUERY (curl in the client namespace)
#   prom_wait PORT QUERY JQ SECS     poll QUERY until the jq filter JQ (on the answer) is true, at most SECS seconds;
#                                    the last answer is left in $W/prom_last.json
#
# Needs (from the harness): BIN, W, CLI_NS, PKI_DIR, CONTROL_NAME, CONTROL_IP; start_bg_in, wait_listen, in_cli, t.

start_exporter() {
  local port=$1; shift
  start_bg_in "$CLI_NS" exporter env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME="$W/home" LANG=C.UTF-8 NO_COLOR=1 TERM=dumb \
    "$BIN" serve --listen "127.0.0.1:$port" --cacert "$PKI_DIR/ca.pem" --control "https://$CONTROL_NAME/" \
    --control "https://$CONTROL_IP/" --timeout 2 --max-time 20 "$@"
  wait_listen "$CLI_NS" exporter tcp "127.0.0.1:$port" 15
}

start_prometheus() {
  local port=$1 config=$2 dir=$W/prometheus
  mkdir -p "$dir/data"
  printf '%s\n' "$config" >"$dir/prometheus.yml"
  t 10 promtool check config "$dir/prometheus.yml" >"$dir/check-config.out" 2>&1 \
    || { log "promtool rejects the configuration:"; cat "$dir/check-config.out" >&2; return 1; }
  start_bg_in "$CLI_NS" prometheus prometheus --config.file="$dir/prometheus.yml" \
    --storage.tsdb.path="$dir/data" --web.listen-address="127.0.0.1:$port" \
    --storage.tsdb.retention.time=1h --log.level=warn
  wait_listen "$CLI_NS" prometheus tcp "127.0.0.1:$port" 30
}

prom_query() {
  in_cli curl -sS --max-time 5 -G "http://127.0.0.1:$1/api/v1/query" --data-urlencode "query=$2"
}

prom_wait() {
  local port=$1 query=$2 filter=$3 secs=$4 deadline
  deadline=$(($(date +%s) + secs))
  while :; do
    prom_query "$port" "$query" >"$W/prom_last.json" 2>>"$W/prom_query.err" || true
    jq -e "$filter" "$W/prom_last.json" >/dev/null 2>&1 && return 0
    (($(date +%s) < deadline)) || return 1
    sleep 0.5
  done
}
