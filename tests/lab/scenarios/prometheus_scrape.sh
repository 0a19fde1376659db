# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A real Prometheus server (Debian's package) scrapes `chatgpt-doctor serve` on the client namespace's loopback:
# /metrics every second (the exporter checks every 2 s) and /probe?surface=web,api every 3 s. Its HTTP API must
# then hold one probe_success series per target of the harness's own `check --json` (same flags, same world), the
# verdict as chatgpt_doctor_verdict_info, the API's 401 as probe_http_status_code, and the /probe job only the
# surfaces it asked for; the fleet rules of contrib/prometheus are loaded and evaluate on the real series (the lab
# is one site, all healthy). Prometheus asks for OpenMetrics, so it reads that format (node_exporter_textfile reads
# the text format 0.0.4). Both daemons are children of the harness (lib/prometheus.sh), killed by PID at teardown.
# shellcheck source-path=SCRIPTDIR/.. source=lib/prometheus.sh
source "$LAB_ROOT/lib/prometheus.sh"
DESCRIPTION="Prometheus scrapes serve's /metrics and /probe in the client namespace; its API has the series"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0

EXPORTER_PORT=9473
PROMETHEUS_PORT=9090

requires() {
  local tool
  for tool in prometheus promtool jq; do
    command -v "$tool" >/dev/null || { SKIP_MSG="needs Debian's prometheus (prometheus, promtool) and jq"; return 1; }
  done
  bin_mentions serve || { SKIP_MSG="\$BIN --help does not mention serve yet"; return 1; }
}

faults() {
  start_exporter "$EXPORTER_PORT" --interval 2
  start_prometheus "$PROMETHEUS_PORT" "global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - '$LAB_ROOT/../../contrib/prometheus/chatgpt-doctor.rules.yml'
scrape_configs:
  - job_name: chatgpt-doctor
    static_configs:
      - targets: ['127.0.0.1:$EXPORTER_PORT']
        labels: {site: lab}
  - job_name: chatgpt-doctor-probe
    metrics_path: /probe
    params:
      surface: ['web,api']
    scrape_interval: 3s
    scrape_timeout: 3s
    static_configs:
      - targets: ['127.0.0.1:$EXPORTER_PORT']"
}

verify() {
  local port=$PROMETHEUS_PORT targets
  # One series per target of the check the harness ran (same flags, same world), every one answering.
  targets=$(jq '[.targets[] | "\(.name) \(.surface)"] | unique | length' "$1") \
    || { VERIFY_MSG="cannot count the report's targets"; return 1; }
  prom_wait "$port" 'probe_success{job="chatgpt-doctor"}' \
    ".status == \"success\" and (.data.result | length) == $targets
     and all(.data.result[]; .value[1] == \"1\")
     and any(.data.result[]; .metric.target == \"chatgpt.com\" and .metric.surface == \"web\")" 40 \
    || { VERIFY_MSG="Prometheus has no $targets healthy probe_success series: $(head -c 400 "$W/prom_last.json")"; return 1; }
  prom_wait "$port" 'chatgpt_doctor_verdict_info{job="chatgpt-doctor"}' \
    '.data.result | length == 1 and .[0].metric.layer == "none" and .[0].metric.cause == "healthy"' 10 \
    || { VERIFY_MSG="no healthy chatgpt_doctor_verdict_info: $(head -c 400 "$W/prom_last.json")"; return 1; }
  prom_wait "$port" 'chatgpt_doctor_exit_code{job="chatgpt-doctor"}' \
    '.data.result | length == 1 and .[0].value[1] == "0"' 10 \
    || { VERIFY_MSG="chatgpt_doctor_exit_code is not 0: $(head -c 400 "$W/prom_last.json")"; return 1; }
  prom_wait "$port" 'probe_http_status_code{job="chatgpt-doctor",target="api.openai.com",family="ipv4"}' \
    '.data.result | length == 1 and .[0].value[1] == "401"' 10 \
    || { VERIFY_MSG="probe_http_status_code of the API is not 401: $(head -c 400 "$W/prom_last.json")"; return 1; }
  # The README's alert joins the verdict's labels onto the exit code: the join must find them.
  prom_wait "$port" 'chatgpt_doctor_exit_code{job="chatgpt-doctor"} * on (instance, job) group_left (layer, cause) chatgpt_doctor_verdict_info' \
    '.data.result | length == 1 and .[0].metric.cause == "healthy" and .[0].value[1] == "0"' 10 \
    || { VERIFY_MSG="the README alert's join finds no verdict: $(head -c 400 "$W/prom_last.json")"; return 1; }
  # The fleet rules (contrib/prometheus) evaluate on the real series: the lab's one site is all healthy.
  prom_wait "$port" 'site:chatgpt_doctor_healthy:ratio{site="lab"}' \
    '.data.result | length == 1 and .[0].value[1] == "1"' 20 \
    || { VERIFY_MSG="the fleet rules give no healthy ratio for site lab: $(head -c 400 "$W/prom_last.json")"; return 1; }
  prom_wait "$port" 'chatgpt_doctor_advice_info{job="chatgpt-doctor",cause="healthy"}' '.data.result | length == 1' 10 \
    || { VERIFY_MSG="no chatgpt_doctor_advice_info: $(head -c 400 "$W/prom_last.json")"; return 1; }
  # The /probe job: scraped successfully, only the surfaces it asked for (and the controls).
  prom_wait "$port" 'up{job="chatgpt-doctor-probe"}' '.data.result | length == 1 and .[0].value[1] == "1"' 20 \
    || { VERIFY_MSG="the /probe job is not up: $(head -c 400 "$W/prom_last.json")"; return 1; }
  prom_wait "$port" 'count by (surface) (probe_success{job="chatgpt-doctor-probe"})' \
    '[.data.result[].metric.surface] | sort == ["api", "control", "web"]' 20 \
    || { VERIFY_MSG="the /probe job's surfaces are not api, control, web: $(head -c 400 "$W/prom_last.json")"; return 1; }
}
