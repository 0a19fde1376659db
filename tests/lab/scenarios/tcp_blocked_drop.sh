# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# TCP to OpenAI's addresses (v4 and v6) is silently dropped; controls connect.
DESCRIPTION="iptables DROP tcp to the OpenAI addresses only"
EXPECT_LAYER=path EXPECT_CAUSE=tcp_blocked EXPECT_EXIT=4
faults() {
  openai_tcp_fault DROP
}
