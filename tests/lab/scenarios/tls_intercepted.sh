# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A TLS-inspecting middlebox: OpenAI's names are served with leaves from a second CA, "Lab Corp TLS Inspection
# CA", which this computer's *system* store trusts (SSL_CERT_FILE = a bundle of that CA and the lab CA, as an IT
# department installs it) but the public store (Mozilla's + --cacert) does not. The controls keep the lab CA's
# certificates, which both stores trust through --cacert.
DESCRIPTION="OpenAI names re-signed by an inspection CA that only the system store (SSL_CERT_FILE) trusts"
EXPECT_LAYER=local_network EXPECT_CAUSE=tls_intercepted EXPECT_EXIT=3

INTERCEPT_CN="Lab Corp TLS Inspection CA"

configure() {
  pki_ca intercept-ca "$INTERCEPT_CN"
  openai_certs_from intercept-ca
  cat "$PKI_DIR/intercept-ca.pem" "$PKI_DIR/ca.pem" >"$W/system-ca-bundle.pem"
  BIN_ENV+=("SSL_CERT_FILE=$W/system-ca-bundle.pem")
}

verify() {
  local summary
  summary=$(json_get "$1" .verdict.summary)
  [[ $summary == *"$INTERCEPT_CN"* ]] \
    || { VERIFY_MSG=".verdict.summary does not name '$INTERCEPT_CN': $summary"; return 1; }
}
