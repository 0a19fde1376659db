# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A corporate network: the client's firewall drops direct TCP 443 to OpenAI's addresses, and the way out is squid
# (198.51.100.80:3128, given as HTTPS_PROXY without credentials) requiring Basic authentication: CONNECT to
# OpenAI's names answers 407 Proxy Authentication Required. The controls are on the proxy's no-auth list (as
# corporate proxies exempt OS update and connectivity-check hosts), so they pass through it.
DESCRIPTION="HTTPS_PROXY squid answers 407 (Basic auth, no credentials sent); controls exempt"
EXPECT_LAYER=local_network EXPECT_CAUSE=proxy_auth_required EXPECT_EXIT=3

PROXY_USER=labuser
PROXY_PASSWORD=lab-proxy-secret-4711

requires() {
  bin_mentions --proxy || { SKIP_MSG="\$BIN --help does not mention --proxy yet"; return 1; }
}

configure() {
  BIN_ENV+=("HTTPS_PROXY=http://$PROXY_V4:$SQUID_PORT")
}

faults() {
  mkdir -p "$W/squid"
  printf '%s:%s\n' "$PROXY_USER" "$(openssl passwd -apr1 "$PROXY_PASSWORD")" >"$W/squid/passwd"
  start_squid \
    "auth_param basic program /usr/lib/squid/basic_ncsa_auth $W/squid/passwd" \
    "auth_param basic realm Lab Corp proxy" \
    "auth_param basic children 2 startup=1 idle=1" \
    "acl no_auth dstdomain $CONTROL_NAME $CONTROL_IP" \
    "acl authenticated proxy_auth REQUIRED" \
    "http_access allow CONNECT no_auth" \
    "http_access allow authenticated"
  cli_block_openai_direct
}

# squid answered 407 to the binary's CONNECTs for OpenAI's names, tunnelled the controls, and never saw a user
# (the binary sent no Proxy-Authorization); the password appears nowhere in the binary's output.
verify() {
  local log=$W/squid/access.log with_user f
  grep -qE 'TCP_DENIED/407 [0-9]+ CONNECT chatgpt\.com:443 ' "$log" \
    || { VERIFY_MSG="squid answered no 407 to CONNECT chatgpt.com (was the proxy used?)"; return 1; }
  grep -qE "TCP_TUNNEL/200 [0-9]+ CONNECT ${CONTROL_NAME//./\\.}:443 " "$log" \
    || { VERIFY_MSG="no control went through squid"; return 1; }
  with_user=$(awk '$8 != "-"' "$log" | head -n 2)
  [[ -z $with_user ]] || { VERIFY_MSG="squid saw credentials: $with_user"; return 1; }
  for f in "$W/stdout.json" "$W/stderr.txt"; do
    if grep -qF -- "$PROXY_PASSWORD" "$f"; then VERIFY_MSG="the proxy password appears in $(basename "$f")"; return 1; fi
  done
}
