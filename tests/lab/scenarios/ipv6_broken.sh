# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# OpenAI's names have AAAA records (2001:db8:113::…) and the client has an IPv6 address and default route, but
# TCP over IPv6 to OpenAI's addresses is silently dropped in the edge, while IPv4 works: the IPv6 path is broken,
# not missing. Controls are unaffected (control.lab.test answers over IPv6 too).
DESCRIPTION="TCP 443 to OpenAI's IPv6 addresses dropped; IPv4 works; the client has an IPv6 route"
EXPECT_LAYER=path EXPECT_CAUSE=ipv6_broken EXPECT_EXIT=4

faults() {
  local a
  for a in $(openai_v6); do edge_ip6t -A INPUT -p tcp --dport 443 -d "$a" -j DROP; done
}
