# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The same drop as large_hello_dropped, for EVERY port-443 destination (the controls too): one nftables rule in the
# edge (`tcp dport 443 meta length 1001-65535 counter drop`, table inet cgd_large_hello) instead of iptables rules
# per OpenAI address. The fault is the local network's (a router or middlebox dropping large packets), not
# OpenAI's path. verify is large_hello_dropped's, expecting the control's large request to die too.
# shellcheck source-path=SCRIPTDIR source=large_hello_dropped.sh
source "$LAB_ROOT/scenarios/large_hello_dropped.sh"
DESCRIPTION="client packets over 1000 bytes to ANY 443 dropped (nft meta length), controls included"
EXPECT_LAYER=local_network EXPECT_CAUSE=large_handshake_blocked EXPECT_EXIT=3
LARGE_HELLO_CONTROLS_DROPPED=1

faults() {
  need_tools nft
  cat >"$W/large-hello.nft" <<'EOF'
table inet cgd_large_hello {
  chain input {
    type filter hook input priority filter; policy accept;
    tcp dport 443 meta length 1001-65535 counter drop
  }
}
EOF
  in_edge nft -f "$W/large-hello.nft"
}

large_hello_drops() {
  in_edge nft list table inet cgd_large_hello | awk '/meta length/ { for (i = 1; i < NF; i++) if ($i == "packets") print $(i + 1) }'
}
