# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A firewall that drops large client packets to port 443, only for OpenAI's addresses: in the edge's INPUT,
# `iptables -m length --length 1001:65535 -j DROP` for TCP 443 to each OpenAI address (ip6tables likewise).
# SYNs, ACKs and a small ClientHello (the binary's: rustls with X25519/P-256 key shares, a few hundred bytes)
# pass; a browser's ~1.7 KB hello (a post-quantum X25519MLKEM768 key share) is dropped, and so is its every
# retransmission: the handshake hangs. The controls are untouched.
#
# Debian 12's OpenSSL 3.0 has no X25519MLKEM768 (`openssl s_client -groups X25519MLKEM768` fails: no such group),
# so `verify` proves the drop with a large first flight of another kind: a plain-HTTP request with a 2 KB header to
# port 443 gets no answer at all, where the same request without it gets nginx's 400 at once. With an OpenSSL that
# has the group (3.5 and later) it also sends a real post-quantum hello and sees it die.
DESCRIPTION="client packets over 1000 bytes to OpenAI's 443 dropped (iptables -m length): small hello passes, large one dies"
EXPECT_LAYER=path EXPECT_CAUSE=large_handshake_blocked EXPECT_EXIT=4


LARGE_HELLO_CONTROLS_DROPPED=0  # the variant large_hello_dropped_everywhere sets 1

faults() {
  local a
  for a in $(openai_v4); do
    edge_ipt -A INPUT -d "$a" -p tcp --dport 443 -m length --length 1001:65535 -j DROP
  done
  for a in $(openai_v6); do
    edge_ip6t -A INPUT -d "$a" -p tcp --dport 443 -m length --length 1001:65535 -j DROP
  done
}

# Packets the drop rules have dropped so far (iptables' counters; the variant reads its nft counter).
large_hello_drops() {
  { edge_ipt -nvx -L INPUT; edge_ip6t -nvx -L INPUT; } | awk '$3 == "DROP" && /length 1001:65535/ { n += $1 } END { print n + 0 }'
}

# plain_443 HOST PAD-BYTES — the HTTP status nginx gives a plain-HTTP request to HOST:443 carrying a header of
# PAD-BYTES, or "timeout" when nothing answers within 3 s.
plain_443() {
  local pad code rc=0
  pad=$(head -c "$2" /dev/zero | tr '\0' a)
  code=$(in_cli curl -sS -o /dev/null -m 3 -w '%{http_code}' -H "X-Pad: $pad" "http://$1:443/" 2>/dev/null) || rc=$?
  if [[ $rc == 28 ]]; then echo timeout; else echo "${code:-rc$rc}"; fi
}

verify() {
  local before after got want_ctl=400 out
  [[ $LARGE_HELLO_CONTROLS_DROPPED == 1 ]] && want_ctl=timeout
  # The small hello completes: curl's own TLS handshake with chatgpt.com works, and so did the binary's.
  out=$(in_cli curl -sS -o /dev/null -m 5 --cacert "$PKI_DIR/ca.pem" -w '%{http_code}' https://chatgpt.com/cdn-cgi/trace 2>&1) \
    || { VERIFY_MSG="a small hello to chatgpt.com did not complete: $out"; return 1; }
  out=$(jq -r '[.targets[] | select(.name == "api.openai.com") | .stages[] | select(.stage == "tls") | .status] | unique | join(",")' "$1")
  [[ $out == ok ]] || { VERIFY_MSG="the binary's own (small) handshakes with the API: $out"; return 1; }
  # A large first flight dies; the same request, small, is answered.
  before=$(large_hello_drops)
  got=$(plain_443 chatgpt.com 10)
  [[ $got == 400 ]] || { VERIFY_MSG="a small request to chatgpt.com:443 got '$got', not nginx's 400"; return 1; }
  got=$(plain_443 chatgpt.com 2000)
  [[ $got == timeout ]] || { VERIFY_MSG="a 2 KB request to chatgpt.com:443 got '$got', not silence"; return 1; }
  got=$(plain_443 "$CONTROL_NAME" 2000)
  [[ $got == "$want_ctl" ]] || { VERIFY_MSG="a 2 KB request to the control got '$got' (expected $want_ctl)"; return 1; }
  after=$(large_hello_drops)
  [[ $after -gt $before ]] || { VERIFY_MSG="the drop rule's counter did not move ($before -> $after)"; return 1; }
  # A real post-quantum ClientHello, where this OpenSSL has the group (not Debian 12's 3.0).
  if openssl s_client -help 2>&1 | grep -q groups && timeout 5 openssl list -kem-algorithms 2>/dev/null | grep -qi mlkem768; then
    out=$(in_cli timeout 5 openssl s_client -connect 203.0.113.10:443 -servername chatgpt.com \
      -groups X25519MLKEM768 </dev/null 2>&1) && { VERIFY_MSG="a post-quantum hello completed"; return 1; }
    [[ $out != *"BEGIN CERTIFICATE"* ]] || { VERIFY_MSG="a post-quantum hello got a certificate"; return 1; }
  fi
  return 0
}
