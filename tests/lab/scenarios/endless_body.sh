# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A body that never ends: TCP 443 to every OpenAI address (v4, v6) is rewritten in the edge (DNAT, same address)
# to servers/endless.py on :8443 (python3 asyncio streams + ssl, a lab-CA certificate naming every OpenAI name),
# which answers every request 200 with Cloudflare's headers (and an x-request-id on the API) and a chunked body
# at full speed that never sends its last chunk. The controls are untouched. The binary keeps at most 64 KiB of a
# body and reads it for at most --timeout (2 s), so the run stays bounded.
DESCRIPTION="OpenAI's names: 200 and a chunked body that never ends, at full speed (python3 asyncio, DNAT)"
EXPECT_LAYER=path EXPECT_CAUSE=unexpected_answer EXPECT_EXIT=4


ENDLESS_PORT=8443

faults() {
  need_tools python3
  pki_leaf ca openai-all openai-all.lab.test "$(openai_san)"
  start_bg endless python3 "$LAB_ROOT/servers/endless.py" --port "$ENDLESS_PORT" \
    --cert "$PKI_DIR/ca/openai-all.pem" --key "$PKI_DIR/ca/openai-all.key" --per-connection 60 \
    --limit "${DAEMON_LIMIT:-1800}"
  wait_listen "$EDGE_NS" endless tcp "0.0.0.0:$ENDLESS_PORT"
  wait_listen "$EDGE_NS" endless tcp "[::]:$ENDLESS_PORT"
  # shellcheck disable=SC2046  # one address a word
  edge_dnat_443 "$ENDLESS_PORT" $(openai_v4) $(openai_v6)
}

# The body is endless and fast: in 2 s curl gets 200 and more than 10 MB and is cut by its own limit (exit 28);
# the control answers whole; the report shows the API's 200 with a body cut at the cap.
verify() {
  local out rc=0 code size
  out=$(in_cli curl -sS -o /dev/null -m 2 --cacert "$PKI_DIR/ca.pem" -w '%{http_code} %{size_download}' \
    https://api.openai.com/v1/models 2>/dev/null) || rc=$?
  read -r code size <<<"$out"
  [[ $rc == 28 && $code == 200 ]] || { VERIFY_MSG="curl: exit $rc, status ${code:-?} (expected 28, 200)"; return 1; }
  [[ ${size:-0} -gt 10000000 ]] || { VERIFY_MSG="curl read only ${size:-0} bytes in 2 s: not full speed"; return 1; }
  out=$(in_cli curl -sS -m 3 --cacert "$PKI_DIR/ca.pem" "https://$CONTROL_NAME/" 2>&1)
  [[ $out == ok ]] || { VERIFY_MSG="the control answered '${out:0:80}'"; return 1; }
  out=$(jq -r '[.targets[] | select(.name == "api.openai.com") | .stages[] | select(.stage == "http")
               | "\(.http.status // "-")/\(.http.body_truncated // "-")"] | unique | join(",")' "$1")
  [[ $out == 200/true ]] || { VERIFY_MSG="the report's API answers are not 200 with a cut body: $out"; return 1; }
  out=$(slow_tcp_stages "$1")
  [[ $out == 0 ]] || { VERIFY_MSG="$out tcp stages took over 200 ms (a SYN dropped?)"; return 1; }
}
