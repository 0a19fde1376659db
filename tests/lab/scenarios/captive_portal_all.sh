# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A captive portal (a hotel or airport network before sign-in): every lab name, the controls' and OpenAI's,
# resolves to the portal (198.51.100.68, 2001:db8:1::68), and the edge's nat table redirects EVERY TCP
# connection to ports 80 and 443 arriving from the client, whatever its address (the IP-literal control too), to
# the portal: python3's http.server and ssl (servers/portal.py) on :8080 and :8443, answering every request with
# the same 200 login page. Its certificate, from the lab CA the binary trusts, names every lab name and the
# control's IP. Nothing reaches the edge's nginx.
DESCRIPTION="captive portal (python3 http.server+ssl, nat REDIRECT of all 80/443) answers 200 login page to everything, controls included"
EXPECT_LAYER=local_network EXPECT_CAUSE=captive_portal EXPECT_EXIT=3

PORTAL_V4=198.51.100.68
PORTAL_V6=2001:db8:1::68
PORTAL_TITLE="Welcome to Lab Airport Wi-Fi"

configure() {
  local h
  for h in "${LAB_HOST_ORDER[@]}"; do DNS_A["$h"]=$PORTAL_V4; DNS_AAAA["$h"]=$PORTAL_V6; done
}

faults() {
  need_tools python3
  local san h
  san=$(openai_san),DNS:$CONTROL_NAME,IP:$CONTROL_IP,IP:$PORTAL_V4,IP:$PORTAL_V6
  pki_leaf ca portal portal.lab.test "$san"
  edge_addr "$PORTAL_V4" "$PORTAL_V6"
  start_bg portal python3 "$LAB_ROOT/servers/portal.py" --http 8080 --https 8443 \
    --cert "$PKI_DIR/ca/portal.pem" --key "$PKI_DIR/ca/portal.key" --limit "${DAEMON_LIMIT:-1800}"
  wait_listen "$EDGE_NS" portal tcp "[::]:8443"
  wait_listen "$EDGE_NS" portal tcp "[::]:8080"
  # Everything the client sends to ports 80 and 443, whatever the address (REDIRECT: to the edge's own address).
  for h in 80:8080 443:8443; do
    edge_ipt  -t nat -A PREROUTING -i v-edge -p tcp --dport "${h%:*}" -j REDIRECT --to-ports "${h#*:}"
    edge_ip6t -t nat -A PREROUTING -i v-edge -p tcp --dport "${h%:*}" -j REDIRECT --to-ports "${h#*:}"
  done
}

# The portal answered everything: curl gets its login page from the API's name, the control's name and the
# IP-literal control (HTTPS, lab CA) and over plain HTTP; the portal's log has the binary's requests for the
# controls and for OpenAI's names; nginx saw nothing; the report's control answers are the portal's.
verify() {
  local out u
  for u in "https://api.openai.com/v1/models" "https://$CONTROL_NAME/" "https://$CONTROL_IP/" "http://198.51.100.1/"; do
    out=$(in_cli curl -sS -m 5 --cacert "$PKI_DIR/ca.pem" "$u" 2>&1) || { VERIFY_MSG="curl $u: ${out:0:200}"; return 1; }
    [[ $out == *"$PORTAL_TITLE"* ]] || { VERIFY_MSG="$u did not answer the portal page: ${out:0:120}"; return 1; }
  done
  for u in "$CONTROL_NAME" "$CONTROL_IP" chatgpt.com api.openai.com; do
    grep -q "^$u .*\"GET " "$W/portal.out" || { VERIFY_MSG="the portal saw no request for $u"; return 1; }
  done
  [[ ! -s $W/nginx/access.log ]] || { VERIFY_MSG="nginx answered something: $(head -c 200 "$W/nginx/access.log")"; return 1; }
  out=$(jq -r '[.targets[] | select(.control) | .stages[] | select(.stage == "http") | .http.status // "-"]
               | map(tostring) | unique | join(",")' "$1")
  [[ $out == 200 ]] || { VERIFY_MSG="the report's control answers are not all 200: $out"; return 1; }
  out=$(slow_tcp_stages "$1")
  [[ $out == 0 ]] || { VERIFY_MSG="$out tcp stages took over 200 ms (a SYN dropped?)"; return 1; }
}
