# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A TUN-mode proxy (Clash, mihomo, sing-box) in fake-ip mode: the resolver answers every OpenAI name with an address
# of 198.18.0.0/15 (one per name, no AAAA), and whatever answers there carries the connection to the name the client
# asked for (here the edge, choosing its site by SNI as such a proxy chooses its upstream). Everything works; the
# report says the names were answered with fake-ip addresses, so the path to OpenAI is the proxy's upstream.
DESCRIPTION="resolver answers OpenAI's names with fake-ip addresses (198.18.0.0/15) that carry them through"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0

configure() {
  local h i=10
  for h in $(openai_hosts); do
    DNS_A[$h]=198.18.0.$i
    DNS_AAAA[$h]=""
    i=$((i + 1))
  done
}

faults() {
  local h i=10
  for h in $(openai_hosts); do
    t 10 ip -n "$EDGE_NS" addr add "198.18.0.$i/32" dev lo || return 1
    i=$((i + 1))
  done
}

verify() {
  [[ $(json_get "$1" '.system_view.tunnels.fake_ip_answers | length') -ge 1 ]] \
    || { VERIFY_MSG="no fake-ip answer in system_view.tunnels"; return 1; }
  grep -q tunnel_fake_ip <<<"$(json_get "$1" '[.layers[].findings[].cause] | join(" ")')" \
    || { VERIFY_MSG="no tunnel_fake_ip warning"; return 1; }
  [[ $(json_get "$1" '.dns_views[] | select(.name == "chatgpt.com") | .os.addresses[0]') == 198.18.* ]] \
    || { VERIFY_MSG="apps did not get chatgpt.com's fake-ip address"; return 1; }
}
