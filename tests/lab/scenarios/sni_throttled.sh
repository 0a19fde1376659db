# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# Name-keyed throttling, as some national firewalls slow a service instead of blocking it: in the edge, an iptables
# string match on the ClientHello (chatgpt.com, openai.com, oaistatic.com) sets a conntrack mark on the flow
# (CONNMARK), and every LATER packet of a marked flow, both ways, goes to an NFQUEUE delayer (lib/delay.sh,
# delay_start_marked) that holds it SNI_THROTTLE_MS (default 300) ms. TCP connects at full speed (the SYN is not
# marked), the hello itself passes undelayed, and the handshake and everything after it crawl. The same addresses
# with another SNI (the decoy example.com) and the controls are not marked and stay fast.
# shellcheck source-path=SCRIPTDIR/.. source=lib/delay.sh
source "$LAB_ROOT/lib/delay.sh"
SNI_THROTTLE_MS=${SNI_THROTTLE_MS:-300}
SNI_THROTTLE_MARK=0x5a
SNI_THROTTLED=(chatgpt.com openai.com oaistatic.com)
DESCRIPTION="flows whose ClientHello names OpenAI CONNMARKed, then held ${SNI_THROTTLE_MS} ms each way (NFQUEUE); TCP, decoy SNI and controls fast"
EXPECT_LAYER=path EXPECT_CAUSE=sni_throttled EXPECT_EXIT=4

requires() {
  delay_can_build || { SKIP_MSG="needs gcc and linux-libc-dev's nfnetlink_queue.h to build the delayer"; return 1; }
}

faults() {
  # The queue rules first: the hello that sets the mark has passed them unmarked, so it is not held.
  delay_start_marked "$SNI_THROTTLE_MS" "$SNI_THROTTLE_MARK" 1
  local s
  for s in "${SNI_THROTTLED[@]}"; do
    edge_ipt  -A INPUT -i v-edge -p tcp --dport 443 -m string --string "$s" --algo bm \
      -j CONNMARK --set-mark "$SNI_THROTTLE_MARK"
    edge_ip6t -A INPUT -i v-edge -p tcp --dport 443 -m string --string "$s" --algo bm \
      -j CONNMARK --set-mark "$SNI_THROTTLE_MARK"
  done
}

# timings URL [CURL-ARGS...] — "connect appconnect" (seconds) of one curl from the client.
timings() {
  local u=$1; shift
  in_cli curl -sS -o /dev/null -m 10 --cacert "$PKI_DIR/ca.pem" "$@" \
    -w '%{time_connect} %{time_appconnect}' "$u" 2>/dev/null
}

# The throttle is keyed on the name: in the report, OpenAI's TCP connects are fast (< 50 ms) and their TLS
# handshakes slow (> 250 ms) while the controls' handshakes are fast; and curl to chatgpt.com's address with the
# decoy SNI completes its handshake fast while chatgpt.com's own name crawls.
verify() {
  local slow fast ctl tc ta dc da
  fast=$(jq -r '[.targets[] | select(.control | not) | .stages[] | select(.stage == "tcp" and .status == "ok")
                 | select(.duration_ms >= 50)] | length' "$1")
  slow=$(jq -r '[.targets[] | select(.control | not) | .name as $n | .stages[] | select(.stage == "tls" and .status == "ok")
                 | select(.duration_ms > 250) | $n] | unique | join(",")' "$1")
  ctl=$(jq -r '[.targets[] | select(.control) | .stages[] | select(.stage == "tls") | select(.duration_ms > 100)] | length' "$1")
  [[ $fast == 0 ]] || { VERIFY_MSG="$fast OpenAI tcp stages took 50 ms or more"; return 1; }
  [[ $slow == *chatgpt.com* && $slow == *api.openai.com* ]] \
    || { VERIFY_MSG="OpenAI's tls stages are not all slow (> 250 ms only for: ${slow:-none})"; return 1; }
  [[ $ctl == 0 ]] || { VERIFY_MSG="$ctl control tls stages took over 100 ms"; return 1; }
  read -r tc ta <<<"$(timings https://chatgpt.com/cdn-cgi/trace)"
  read -r dc da <<<"$(timings https://example.com/ -k --connect-to example.com:443:203.0.113.10:443)"
  awk -v tc="$tc" -v ta="$ta" -v dc="$dc" -v da="$da" 'BEGIN { exit !(tc < 0.05 && ta - tc > 0.25 && da < 0.1) }' \
    || { VERIFY_MSG="curl: chatgpt.com connect ${tc:-?} s, handshake done ${ta:-?} s; decoy handshake done ${da:-?} s"; return 1; }
}
