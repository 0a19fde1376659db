# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A body that trickles: TCP 443 to every OpenAI address (v4, v6) is rewritten in the edge (DNAT, same address) to
# socat on :8443 (OPENSSL-LISTEN, fork; a lab-CA certificate naming every OpenAI name), which runs
# servers/trickle.sh per connection: it fetches the true answer from the edge's nginx (the right status and
# headers: 401 + x-request-id for the API, 403 + cf-mitigated for chatgpt.com, ...), sends the head at once and
# then the body one byte a second. The controls are untouched. The binary reads a body for at most --timeout (2 s)
# and cuts it, so the run stays bounded. socat's listen backlog is raised from its default 5: the binary opens
# many connections at once, and a full backlog drops SYNs (a 1 s retransmission: a slow TCP stage, not the fault).
DESCRIPTION="OpenAI's names: right status and headers, then the body one byte a second (socat + bash, DNAT)"
EXPECT_LAYER=path EXPECT_CAUSE=unexpected_answer EXPECT_EXIT=4


TRICKLE_PORT=8443

faults() {
  need_tools socat
  pki_leaf ca openai-all openai-all.lab.test "$(openai_san)"
  mkdir -p "$W/trickle"
  start_bg socat env TMPDIR="$W/trickle" socat "OPENSSL-LISTEN:$TRICKLE_PORT,pf=ip6,ipv6only=0,reuseaddr,backlog=128,fork,max-children=128,cert=$PKI_DIR/ca/openai-all.pem,key=$PKI_DIR/ca/openai-all.key,verify=0" \
    "EXEC:bash $LAB_ROOT/servers/trickle.sh $PKI_DIR/ca.pem 120"
  wait_listen "$EDGE_NS" socat tcp "[::]:$TRICKLE_PORT"
  # shellcheck disable=SC2046  # one address a word
  edge_dnat_443 "$TRICKLE_PORT" $(openai_v4) $(openai_v6)
}

# The trickle is real: curl (4 s) gets the API's true head at once (401, x-request-id) and then at most a few bytes
# of its 475, and is cut by its own limit (exit 28); the control answers whole and fast; the report shows the
# API's 401 with a body cut short.
verify() {
  local out rc=0 code size ttfb
  out=$(in_cli curl -sS -o /dev/null -D "$W/verify-head.txt" -m 4 --cacert "$PKI_DIR/ca.pem" \
    -w '%{http_code} %{size_download} %{time_starttransfer}' https://api.openai.com/v1/models 2>/dev/null) || rc=$?
  read -r code size ttfb <<<"$out"
  [[ $rc == 28 && $code == 401 ]] || { VERIFY_MSG="curl: exit $rc, status ${code:-?} (expected 28, 401)"; return 1; }
  [[ $size -le 6 ]] || { VERIFY_MSG="curl read $size body bytes in 4 s: no trickle"; return 1; }
  awk -v t="$ttfb" 'BEGIN { exit !(t < 1) }' || { VERIFY_MSG="the head took ${ttfb}s"; return 1; }
  grep -qi '^x-request-id: req_' "$W/verify-head.txt" || { VERIFY_MSG="the head lacks x-request-id"; return 1; }
  out=$(in_cli curl -sS -m 3 --cacert "$PKI_DIR/ca.pem" "https://$CONTROL_NAME/" 2>&1)
  [[ $out == ok ]] || { VERIFY_MSG="the control answered '${out:0:80}'"; return 1; }
  out=$(jq -r '[.targets[] | select(.name == "api.openai.com") | .stages[] | select(.stage == "http")
               | "\(.http.status // "-")/\(.http.body_truncated // "-")"] | unique | join(",")' "$1")
  [[ $out == 401/true ]] || { VERIFY_MSG="the report's API answers are not 401 with a cut body: $out"; return 1; }
  out=$(slow_tcp_stages "$1")
  [[ $out == 0 ]] || { VERIFY_MSG="$out tcp stages took over 200 ms (a SYN dropped?)"; return 1; }
}
