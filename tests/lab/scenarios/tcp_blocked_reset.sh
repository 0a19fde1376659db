# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# TCP to OpenAI's addresses (v4 and v6) is refused with a reset; controls connect.
DESCRIPTION="iptables REJECT tcp-reset to the OpenAI addresses only"
EXPECT_LAYER=path EXPECT_CAUSE=tcp_blocked EXPECT_EXIT=4
faults() {
  openai_tcp_fault REJECT --reject-with tcp-reset
}
verify() {
  [ "$(json_get "$1" .targets[0].stages[1].failure)" = connection_refused ] || { VERIFY_MSG="not refused"; return 1; }
}
