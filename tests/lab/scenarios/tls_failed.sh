# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# OpenAI's names present leaf certificates from a CA nobody trusts (not a decoy-SNI difference: every SNI
# fails alike); the controls keep their trusted certificates.
DESCRIPTION="OpenAI names served with certs from an untrusted CA; controls trusted"
EXPECT_LAYER=path EXPECT_CAUSE=tls_failed EXPECT_EXIT=4
configure() {
  openai_certs_from untrusted-ca
}
