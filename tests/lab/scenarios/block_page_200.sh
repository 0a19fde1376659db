# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# An ISP-style block page: the resolver sends every OpenAI name (A and AAAA) to a block server, haproxy 2.6 on
# 198.51.100.67 / 2001:db8:1::67 (the edge's DNAT sends the client's port 443 there to haproxy's :8443), which
# answers EVERY path with 200 and "This website has been blocked" (haproxy's `http-request return`, no backend).
# Its certificate, from the lab CA the binary trusts, names every OpenAI name, as a trusted interceptor's would;
# ALPN h2 and http/1.1. No cf-ray, no x-request-id, no `server: cloudflare`. The controls are untouched.
DESCRIPTION="resolver sends OpenAI's names to an ISP block server (haproxy): 200 \"This website has been blocked\" on every path"
EXPECT_LAYER=path EXPECT_CAUSE=unexpected_answer EXPECT_EXIT=4


BLOCK_V4=198.51.100.67
BLOCK_V6=2001:db8:1::67
BLOCK_PORT=8443
BLOCK_TEXT="This website has been blocked"

configure() {
  openai_dns "$BLOCK_V4" "$BLOCK_V6"
}

faults() {
  need_tools haproxy
  local d=$W/haproxy
  mkdir -p "$d"
  edge_addr "$BLOCK_V4" "$BLOCK_V6"
  pki_leaf ca blockserver blockserver.isp.lab.test "$(openai_san)"
  cat "$PKI_DIR/ca/blockserver.pem" "$PKI_DIR/ca/blockserver.key" >"$d/blockserver.pem"
  chmod 600 "$d/blockserver.pem"
  cat >"$d/blocked.html" <<HTML
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Access blocked</title></head>
<body><h1>$BLOCK_TEXT</h1>
<p>This website has been blocked in accordance with a decision of the competent authority. Register entry 2024-1187.</p>
<p>Lab Telecom - customer service 0800 000 000</p></body></html>
HTML
  cat >"$d/haproxy.cfg" <<EOC
global
    maxconn 512
    pidfile $d/haproxy.pid
    log stdout format raw local0 info

defaults
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 10s
    timeout server 10s
    timeout http-request 10s

frontend blockpage
    bind $BLOCK_V4:$BLOCK_PORT ssl crt $d/blockserver.pem alpn h2,http/1.1
    bind [$BLOCK_V6]:$BLOCK_PORT ssl crt $d/blockserver.pem alpn h2,http/1.1
    http-request return status 200 content-type "text/html; charset=utf-8" file $d/blocked.html hdr cache-control "no-store"
EOC
  t 10 haproxy -c -q -f "$d/haproxy.cfg" >"$d/check.out" 2>&1 \
    || { log "haproxy.cfg rejected:"; cat "$d/check.out" >&2; return 1; }
  start_bg haproxy haproxy -db -f "$d/haproxy.cfg"
  wait_listen "$EDGE_NS" haproxy tcp "$BLOCK_V4:$BLOCK_PORT"
  wait_listen "$EDGE_NS" haproxy tcp "[$BLOCK_V6]:$BLOCK_PORT"
  edge_dnat_443 "$BLOCK_PORT" "$BLOCK_V4" "$BLOCK_V6"
}

# The block page really answered: curl, trusting the lab CA, gets 200 and the page from the API's and
# chatgpt.com's names on paths of their own, with no cf-ray and no x-request-id; the control still gets "ok"
# from the edge; and the binary's report shows the API answering 200 from the block server's address.
verify() {
  local out p
  for p in "https://api.openai.com/v1/models" "https://chatgpt.com/some/other/path"; do
    out=$(in_cli curl -sS -i -m 5 --cacert "$PKI_DIR/ca.pem" "$p" 2>&1) \
      || { VERIFY_MSG="curl $p failed: ${out:0:200}"; return 1; }
    [[ $out == HTTP/2\ 200* && $out == *"$BLOCK_TEXT"* ]] \
      || { VERIFY_MSG="curl $p did not get the block page: ${out:0:200}"; return 1; }
    grep -qiE '^(cf-ray|x-request-id):' <<<"$out" && { VERIFY_MSG="the block page carries cf-ray/x-request-id"; return 1; }
  done
  out=$(in_cli curl -sS -m 5 --cacert "$PKI_DIR/ca.pem" "https://$CONTROL_NAME/" 2>&1)
  [[ $out == ok ]] || { VERIFY_MSG="the control answered '${out:0:80}', not ok"; return 1; }
  out=$(jq -r '[.targets[] | select(.name == "api.openai.com") | .stages[] | select(.stage == "http")
               | "\(.address) \(.http.status // "-")"] | join(", ")' "$1")
  [[ $out == *"$BLOCK_V4:443 200"* ]] \
    || { VERIFY_MSG="the report's API answers are not the block server's 200: $out"; return 1; }
  out=$(slow_tcp_stages "$1")
  [[ $out == 0 ]] || { VERIFY_MSG="$out tcp stages took over 200 ms (a SYN dropped?)"; return 1; }
}
