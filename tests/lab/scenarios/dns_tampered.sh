# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# DNS injection: the system resolver (dnsmasq) answers chatgpt.com and api.openai.com with forged addresses
# (198.51.100.66, 2001:db8:1::66 on the local segment: a block-page server, its own nginx server block presenting a
# lab-CA certificate for blockpage.lab.test and nothing else), while a DNS-over-HTTPS resolver in the lab (unbound,
# https://192.0.2.53/dns-query, given with --doh-url) gives the true answers. The other OpenAI names resolve truly.
DESCRIPTION="resolver forges chatgpt.com and api.openai.com; DoH control (unbound) has the true answers"
EXPECT_LAYER=path EXPECT_CAUSE=dns_tampered EXPECT_EXIT=4

TAMPERED=(chatgpt.com api.openai.com)

BLOCKPAGE_NAME=blockpage.lab.test

configure() {
  local h
  for h in "${TAMPERED[@]}"; do DNS_A["$h"]=$FORGED_V4; DNS_AAAA["$h"]=$FORGED_V6; done
  BIN_ARGS+=(--doh-url "https://$DOH_V4/dns-query")
  # The forged addresses get a server of their own: listening on them explicitly keeps nginx from choosing the
  # real site's server block by SNI (it would then answer exactly as the true address does).
  pki_leaf ca "$BLOCKPAGE_NAME" "$BLOCKPAGE_NAME" "DNS:$BLOCKPAGE_NAME"
  NGINX_HTTP_EXTRA+=("server {
        listen $FORGED_V4:443 ssl http2 default_server;
        listen [$FORGED_V6]:443 ssl http2 default_server;
        server_name $BLOCKPAGE_NAME;
        ssl_certificate $PKI_DIR/ca/$BLOCKPAGE_NAME.pem;
        ssl_certificate_key $PKI_DIR/ca/$BLOCKPAGE_NAME.key;
        location / {
            default_type 'text/html; charset=utf-8';
            return 403 '<html><head><title>Access denied</title></head><body>Access to this site is restricted.</body></html>';
        }
    }")
}

faults() {
  edge_addr "$FORGED_V4" "$FORGED_V6"
  start_doh
}

# The binary asked the DoH resolver (unbound logs each query with the client's address on the DoH link).
verify() {
  grep -qE '192\.0\.2\.253 chatgpt\.com\. (A|AAAA) IN' "$W/unbound.out" \
    || { VERIFY_MSG="unbound saw no query for chatgpt.com (was --doh-url used?)"; return 1; }
}
