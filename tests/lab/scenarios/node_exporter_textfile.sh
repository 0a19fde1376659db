# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The README's cron recipe with the real consumer: `check --format prometheus -o DIR/chatgpt.prom` (the text format
# 0.0.4, replaced atomically) in the client namespace, read by Debian's node_exporter (prometheus-node-exporter, its
# textfile collector only) and by `promtool check metrics`. verify: node_exporter's /metrics says
# node_textfile_scrape_error 0 and carries the tool's series (the verdict as chatgpt_doctor_verdict_info, one
# probe_success per target), and promtool accepts the file and the exporter's `serve` answer without OpenMetrics in
# Accept, while with Prometheus's Accept `serve` answers OpenMetrics.
# shellcheck source-path=SCRIPTDIR/.. source=lib/prometheus.sh
source "$LAB_ROOT/lib/prometheus.sh"
DESCRIPTION="node_exporter's textfile collector and promtool read check --format prometheus -o; serve negotiates"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0

NODE_EXPORTER_PORT=9100
EXPORTER_PORT=9473

requires() {
  local tool
  for tool in prometheus-node-exporter promtool jq curl; do
    command -v "$tool" >/dev/null || { SKIP_MSG="needs Debian's prometheus-node-exporter, promtool, jq, curl"; return 1; }
  done
}

faults() {
  local dir=$W/textfile
  mkdir -p "$dir"
  T_CMD=60 in_cli env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$W/home" \
    LANG=C.UTF-8 "$BIN" check --format prometheus -o "$dir/chatgpt.prom" --cacert "$PKI_DIR/ca.pem" \
    --control "https://$CONTROL_NAME/" --control "https://$CONTROL_IP/" --timeout 2 --max-time 20 \
    >"$W/textfile-check.out" 2>&1 || true
  [[ -s $dir/chatgpt.prom ]] || { log "check -o wrote no file:"; cat "$W/textfile-check.out" >&2; return 1; }
  start_bg_in "$CLI_NS" node_exporter prometheus-node-exporter --collector.disable-defaults --collector.textfile \
    --collector.textfile.directory="$dir" --web.listen-address="127.0.0.1:$NODE_EXPORTER_PORT"
  wait_listen "$CLI_NS" node_exporter tcp "127.0.0.1:$NODE_EXPORTER_PORT" 15
  start_exporter "$EXPORTER_PORT" --interval 3600
}

# scrape URL [ACCEPT] — the body to $W/scrape.body, the Content-Type printed.
scrape() {
  local accept=()
  [[ -n ${2:-} ]] && accept=(-H "Accept: $2")
  in_cli curl -sS --max-time 30 "${accept[@]}" -o "$W/scrape.body" -w '%{content_type}' "$1"
}

verify() {
  local metrics=$W/node_exporter.metrics targets ct
  in_cli curl -sS --max-time 10 "http://127.0.0.1:$NODE_EXPORTER_PORT/metrics" >"$metrics" \
    || { VERIFY_MSG="node_exporter did not answer"; return 1; }
  grep -qx 'node_textfile_scrape_error 0' "$metrics" \
    || { VERIFY_MSG="node_exporter rejects the file: $(grep -i textfile "$metrics" | head -5 | tr '\n' ' ')"; return 1; }
  grep -q '^chatgpt_doctor_verdict_info{cause="healthy",layer="none"} 1$' "$metrics" \
    || { VERIFY_MSG="node_exporter has no healthy chatgpt_doctor_verdict_info"; return 1; }
  targets=$(jq '[.targets[] | "\(.name) \(.surface)"] | unique | length' "$1")
  [[ $(grep -c '^probe_success{' "$metrics") == "$targets" ]] \
    || { VERIFY_MSG="node_exporter has $(grep -c '^probe_success{' "$metrics") probe_success series, the report $targets targets"; return 1; }
  t 10 promtool check metrics <"$W/textfile/chatgpt.prom" >"$W/promtool.out" 2>&1 \
    || { VERIFY_MSG="promtool check metrics rejects the file: $(head -c 300 "$W/promtool.out")"; return 1; }
  ct=$(scrape "http://127.0.0.1:$EXPORTER_PORT/metrics") || { VERIFY_MSG="serve did not answer"; return 1; }
  [[ $ct == "text/plain; version=0.0.4; charset=utf-8" ]] \
    || { VERIFY_MSG="serve without Accept answered $ct"; return 1; }
  t 10 promtool check metrics <"$W/scrape.body" >"$W/promtool-serve.out" 2>&1 \
    || { VERIFY_MSG="promtool rejects serve's 0.0.4 answer: $(head -c 300 "$W/promtool-serve.out")"; return 1; }
  ct=$(scrape "http://127.0.0.1:$EXPORTER_PORT/metrics" \
    'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1') || return 1
  [[ $ct == "application/openmetrics-text; version=1.0.0; charset=utf-8" ]] && tail -1 "$W/scrape.body" | grep -qx '# EOF' \
    || { VERIFY_MSG="serve with Prometheus's Accept answered $ct"; return 1; }
}
