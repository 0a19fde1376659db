# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A corporate network: the client's firewall drops direct TCP 443 to OpenAI's addresses, and the way out is a
# forward proxy (tinyproxy on 198.51.100.80:8888, given with --proxy) whose filter refuses OpenAI's domains with
# "403 Filtered" and lets everything else through (the controls connect through it).
DESCRIPTION="--proxy tinyproxy answers CONNECT to OpenAI's domains with 403 Filtered; controls pass"
EXPECT_LAYER=local_network EXPECT_CAUSE=proxy_denied EXPECT_EXIT=3

requires() {
  bin_mentions --proxy || { SKIP_MSG="\$BIN --help does not mention --proxy yet"; return 1; }
}

configure() {
  BIN_ARGS+=(--proxy "http://$PROXY_V4:$TINYPROXY_PORT")
}

faults() {
  start_tinyproxy '(^|\.)chatgpt\.com$' '(^|\.)openai\.com$' '(^|\.)oaistatic\.com$'
  cli_block_openai_direct
}

# The refusals came from tinyproxy itself (the binary used the proxy), and the controls went through it.
verify() {
  local log=$W/tinyproxy.out
  grep -q 'Proxying refused on filtered domain "chatgpt.com"' "$log" \
    || { VERIFY_MSG="tinyproxy refused no CONNECT to chatgpt.com (was the proxy used?)"; return 1; }
  grep -q "Established connection to host \"$CONTROL_NAME\"" "$log" \
    || { VERIFY_MSG="no control went through tinyproxy"; return 1; }
}
