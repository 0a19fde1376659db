# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The configured resolver swallows every query; addresses still work (the IP-literal control answers).
DESCRIPTION="resolver drops all queries (udp+tcp 53); IP-literal control works"
EXPECT_LAYER=local_network EXPECT_CAUSE=dns_resolver_down EXPECT_EXIT=3
faults() {
  local p
  for p in udp tcp; do
    edge_ipt  -A INPUT -p "$p" --dport 53 -j DROP
    edge_ip6t -A INPUT -p "$p" --dport 53 -j DROP
  done
}
