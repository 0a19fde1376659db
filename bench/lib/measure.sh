#!/usr/bin/env bash
# The measurements that run beside a lab world. bench/run calls this through
#   tests/lab/run --exec 'bash bench/lib/measure.sh WORLD' SCENARIO
# with the world's variables set by the harness (CLI_NS, EDGE_NS, LAB_CA, W, BIN) and the bench's (RES: the results
# directory; RUNS, CURL_ROUNDS, BH_RUNS, RSS_RUNS: counts). Each client-side loop runs inside the client namespace
# (`ip netns exec $CLI_NS bash $0 in-ns-…`) so that the times exclude `ip netns exec` itself. Results are raw files
# in $RES (TSV and the binary's JSON reports); bench/summarize.py turns them into BENCHMARKS.md.
#
#   measure.sh slow       slow_path world: delay check, figure 1 (time to verdict vs slowest chain vs sequential
#                         curl), figure 3 with the added RTT (and with --surface api: fewer concurrent handshakes)
#   measure.sh healthy    healthy world: figure 3 without added RTT, figure 4 (peak RSS)
#   measure.sh blackhole  tcp_blocked_drop world: figure 2 (default settings), and a variant with a DoH control
#                         that answers at once
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${RES:?}" "${BIN:?}" "${LAB_CA:?}"
RUNS=${RUNS:-15} CURL_ROUNDS=${CURL_ROUNDS:-5} BH_RUNS=${BH_RUNS:-5} RSS_RUNS=${RSS_RUNS:-10}

# The binary and curl run with a clean environment, as in the lab: no proxy variables, no API key.
CLEAN=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$RES/home" LANG=C.UTF-8
       NO_COLOR=1 TERM=dumb)
CONTROLS=(--control https://control.lab.test/ --control https://192.0.2.20/)
CHECK=("$BIN" check --json --cacert "$LAB_CA" "${CONTROLS[@]}")     # default --timeout 5, --max-time 30
# The accuracy target: api.openai.com over IPv4 (203.0.113.13 in the lab), the same URL the check fetches.
ACC_HOST=api.openai.com ACC_ADDR=203.0.113.13 ACC_URL=https://api.openai.com/v1/models
CURL_W='%{time_namelookup}\t%{time_connect}\t%{time_appconnect}\t%{time_starttransfer}\t%{time_total}\n'

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# Times are bash's $EPOCHREALTIME (microseconds, no fork around the measured command); elapsed A B = B - A.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
in_ns() { timeout -k 5 "${1}" ip netns exec "$CLI_NS" "${@:2}"; }

mkdir -p "$RES/home" "$RES/json"

# ---- inside the client namespace ----------------------------------------------------------------------------
# One full check, timed; its report saved. Prints wall, rc.
timed_check() {  # timed_check JSON_OUT [extra args...]
  local out=$1 t0 t1 rc=0; shift
  t0=$EPOCHREALTIME
  "${CLEAN[@]}" timeout -k 5 60 "${CHECK[@]}" "$@" >"$out" 2>"$out.stderr" || rc=$?
  t1=$EPOCHREALTIME
  printf '%s\t%s\n' "$(elapsed "$t0" "$t1")" "$rc"
}

# curl on the accuracy path: pinned address (no DNS), IPv4, the lab CA.
curl_acc() {
  local out
  out=$("${CLEAN[@]}" timeout -k 2 20 curl -4 -s -o /dev/null --cacert "$LAB_CA" --resolve "$ACC_HOST:443:$ACC_ADDR" \
    -w "$CURL_W" "$ACC_URL") || out=$'nan\tnan\tnan\tnan\tnan'
  printf '%s' "$out"
}
# The binary's own per-stage command on the same path (one target, nothing else running).
bin_http_acc() {  # JSON_OUT
  "${CLEAN[@]}" timeout -k 2 20 "$BIN" http --json -4 --cacert "$LAB_CA" --resolve "$ACC_HOST:443:$ACC_ADDR" \
    "$ACC_URL" >"$1" 2>/dev/null || true
}

# in-ns-accuracy TAG [CHECK ARGS...] — RUNS iterations of: full check (timed, figure 1), curl on the accuracy path, the binary's
# `http` command on the same path (figure 3). One row per iteration in $RES/TAG.tsv.
in_ns_accuracy() {
  local tag=$1 i row t0 t1 t2 t3 curl_row; shift
  printf 'run\twall_s\trc\tcurl_namelookup\tcurl_connect\tcurl_appconnect\tcurl_starttransfer\tcurl_total\n' \
    >"$RES/$tag.tsv"
  # When each tool ran (epoch seconds, the clock tcpdump stamps packets with): the wire's account is matched to
  # the tool by these windows.
  printf 'run\tphase\tstart\tend\n' >"$RES/$tag.windows.tsv"
  "${CLEAN[@]}" timeout -k 5 60 "${CHECK[@]}" >/dev/null 2>&1  # warm-up (page cache, resolver cache is not kept)
  for ((i = 1; i <= RUNS; i++)); do
    t0=$EPOCHREALTIME
    row=$(timed_check "$RES/json/$tag-check-$i.json" "$@")
    t1=$EPOCHREALTIME
    curl_row=$(curl_acc)
    t2=$EPOCHREALTIME
    printf '%s\t%s\t%s\n' "$i" "$row" "$curl_row" >>"$RES/$tag.tsv"
    bin_http_acc "$RES/json/$tag-http-$i.json"
    t3=$EPOCHREALTIME
    printf '%s\tcheck\t%s\t%s\n%s\tcurl\t%s\t%s\n%s\thttp\t%s\t%s\n' \
      "$i" "$t0" "$t1" "$i" "$t1" "$t2" "$i" "$t2" "$t3" >>"$RES/$tag.windows.tsv"
  done
}

# in-ns-curlseq — CURL_ROUNDS rounds of every URL the check fetched, one curl after another.
in_ns_curlseq() {
  local urls=$1 r t0 t1 u line sum
  printf 'round\twall_s\tsum_time_total_s\turls\tfailed\n' >"$RES/f1_curlseq.tsv"
  : >"$RES/f1_curlseq_each.tsv"
  for ((r = 1; r <= CURL_ROUNDS; r++)); do
    local n=0 failed=0
    sum=0
    t0=$EPOCHREALTIME
    while read -r u; do
      [[ -n $u ]] || continue
      n=$((n + 1))
      line=$("${CLEAN[@]}" timeout -k 2 20 curl -s -o /dev/null --cacert "$LAB_CA" -w '%{time_total}\t%{http_code}' "$u") \
        || failed=$((failed + 1))
      printf '%s\t%s\t%s\n' "$r" "$u" "$line" >>"$RES/f1_curlseq_each.tsv"
      sum=$(awk -v a="$sum" -v b="${line%%$'\t'*}" 'BEGIN { printf "%.6f", a + b }')
    done <"$urls"
    t1=$EPOCHREALTIME
    printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$(elapsed "$t0" "$t1")" "$sum" "$n" "$failed" >>"$RES/f1_curlseq.tsv"
  done
}

# in-ns-rss — RSS_RUNS full checks under /usr/bin/time -v.
in_ns_rss() {
  local i rc
  printf 'run\tmax_rss_kb\twall_s\trc\n' >"$RES/f4_rss.tsv"
  for ((i = 1; i <= RSS_RUNS; i++)); do
    rc=0
    "${CLEAN[@]}" /usr/bin/time -v -o "$RES/json/rss-$i.time" timeout -k 5 60 "${CHECK[@]}" \
      >"$RES/json/rss-$i.json" 2>/dev/null || rc=$?
    printf '%s\t%s\t%s\t%s\n' "$i" \
      "$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$RES/json/rss-$i.time")" \
      "$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s }' "$RES/json/rss-$i.time")" \
      "$rc" >>"$RES/f4_rss.tsv"
  done
}

# in-ns-blackhole TAG N [extra args...] — N full checks, timed.
in_ns_blackhole() {
  local tag=$1 n=$2 i; shift 2
  printf 'run\twall_s\trc\n' >"$RES/$tag.tsv"
  for ((i = 1; i <= n; i++)); do
    printf '%s\t%s\n' "$i" "$(timed_check "$RES/json/$tag-$i.json" "$@")" >>"$RES/$tag.tsv"
  done
}

# in-ns-delaycheck — what the delayer adds: curl's time_connect to the IP control, and a DNS query's time.
in_ns_delaycheck() {
  local i
  printf 'sample\tcurl_time_connect_s\tdig_query_ms\n' >"$RES/delay_check.tsv"
  for ((i = 1; i <= 10; i++)); do
    printf '%s\t%s\t%s\n' "$i" \
      "$("${CLEAN[@]}" timeout 10 curl -s -o /dev/null --cacert "$LAB_CA" -w '%{time_connect}' https://192.0.2.20/)" \
      "$(timeout 10 dig +tries=1 +time=3 @198.51.100.53 chatgpt.com A | awk '/Query time/ { print $4 }')" \
      >>"$RES/delay_check.tsv"
  done
}

case ${1:-} in
  in-ns-*) fn=${1//-/_}; shift; "$fn" "$@"; exit $? ;;
esac

# ---- beside the world ---------------------------------------------------------------------------------------
SELF=$HERE/measure.sh
case ${1:-} in
  slow)
    log "slow_path: checking the added delay (curl time_connect, dig)"
    in_ns 120 bash "$SELF" in-ns-delaycheck
    log "slow_path: figure 1 + 3: $RUNS × (full check, curl, binary http)"
    in_ns 600 bash "$SELF" in-ns-accuracy f1_slow
    log "slow_path: figure 3 diagnostic: the same with --surface api (fewer concurrent handshakes)"
    in_ns 600 bash "$SELF" in-ns-accuracy f3_slow_api --surface api
    # Every URL the check fetched: its targets, and the status page documents it read.
    jq -r '.targets[].url, (.status_page.sources // [] | .[] | "https://status.openai.com/" + .)' \
      "$RES/json/f1_slow-check-1.json" | awk '!seen[$0]++' >"$RES/f1_urls.txt"
    log "slow_path: figure 1: $CURL_ROUNDS rounds of sequential curl over $(wc -l <"$RES/f1_urls.txt") URLs"
    in_ns 600 bash "$SELF" in-ns-curlseq "$RES/f1_urls.txt"
    cp "$W/nfqdelay0.out" "$RES/delayer.out" 2>/dev/null
    # The delayer prints its statistics when it ends: stop it now (by its PID, recorded by the harness) so the
    # line exists; the world is torn down right after.
    pid=$(cat "$W/nfq-delay.0.ready" 2>/dev/null)
    [[ $pid =~ ^[0-9]+$ ]] && kill -TERM "$pid" 2>/dev/null && sleep 0.3
    cp "$W/nfqdelay0.out" "$RES/delayer.out" 2>/dev/null
    ;;
  healthy)
    log "healthy: figure 3 without added delay: $RUNS × (full check, curl, binary http), packets captured"
    # The wire's own account of the same connections: tcpdump in the client namespace, only the accuracy path.
    tcpdump_pid=""
    if command -v tcpdump >/dev/null; then
      ip netns exec "$CLI_NS" timeout -k 5 400 tcpdump -i any -n -U --immediate-mode -w "$RES/f3_healthy.pcap" \
        "host $ACC_ADDR and tcp port 443" 2>"$RES/tcpdump.err" &
      tcpdump_pid=$!
      for _ in $(seq 50); do grep -q "listening on" "$RES/tcpdump.err" 2>/dev/null && break; sleep 0.1; done
    fi
    in_ns 300 bash "$SELF" in-ns-accuracy f3_healthy
    if [[ -n $tcpdump_pid ]]; then
      sleep 0.2
      kill -INT "$tcpdump_pid" 2>/dev/null
      wait "$tcpdump_pid" 2>/dev/null
      timeout 60 tcpdump -r "$RES/f3_healthy.pcap" -n -tt >"$RES/f3_healthy.wire.txt" 2>/dev/null
    fi
    log "healthy: figure 4: $RSS_RUNS full checks under /usr/bin/time -v"
    in_ns 300 bash "$SELF" in-ns-rss
    ;;
  blackhole)
    log "tcp_blocked_drop: figure 2: $BH_RUNS full checks with default settings"
    in_ns 300 bash "$SELF" in-ns-blackhole f2_blackhole "$BH_RUNS"
    log "tcp_blocked_drop: the same with a DoH control that answers at once (--doh-url https://192.0.2.20/dns-query)"
    in_ns 300 bash "$SELF" in-ns-blackhole f2_blackhole_doh 3 --doh-url https://192.0.2.20/dns-query
    ;;
  *) echo "usage: measure.sh slow|healthy|blackhole" >&2; exit 2 ;;
esac
