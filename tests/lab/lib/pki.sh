# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The lab's PKI, made with openssl once per run under $PKI_DIR and shared by all scenarios.
#   $PKI_DIR/ca.pem            the lab CA the binary is told to trust (--cacert)
#   $PKI_DIR/untrusted-ca.pem  a second CA nobody trusts
#   $PKI_DIR/<ca>/<name>.{pem,key}   leaf certificates, see pki_leaf
# Keys are EC P-256: fast to make, accepted by rustls/webpki and nginx.

_pki_ossl() { t 30 openssl "$@" 2>>"$PKI_DIR/openssl.log"; }

# pki_ca NAME "Common Name" — a self-signed CA: $PKI_DIR/NAME.pem, $PKI_DIR/NAME.key
pki_ca() {
  local name=$1 cn=$2
  [[ -s $PKI_DIR/$name.pem ]] && return 0
  _pki_ossl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
    -keyout "$PKI_DIR/$name.key" -out "$PKI_DIR/$name.pem" -subj "/O=chatgpt-doctor lab/CN=$cn" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" || die "openssl: CA $name (see $PKI_DIR/openssl.log)"
}

# pki_leaf CA FILE-NAME CN SAN — a leaf signed by CA (made by pki_ca); SAN like "DNS:a,DNS:*.a" or "IP:192.0.2.20".
# Writes $PKI_DIR/CA/FILE-NAME.pem (leaf only; the root is the anchor) and .key. Cached.
pki_leaf() {
  local ca=$1 file=$2 cn=$3 san=$4 dir=$PKI_DIR/$1
  [[ -s $dir/$file.pem ]] && return 0
  mkdir -p "$dir"
  _pki_ossl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$dir/$file.key" -out "$dir/$file.csr" -subj "/CN=$cn" || die "openssl: csr $file"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=$san" "subjectKeyIdentifier=hash" \
    "authorityKeyIdentifier=keyid" >"$dir/$file.ext"
  _pki_ossl x509 -req -in "$dir/$file.csr" -CA "$PKI_DIR/$ca.pem" -CAkey "$PKI_DIR/$ca.key" \
    -set_serial "0x$(openssl rand -hex 8)" -days 14 -extfile "$dir/$file.ext" -out "$dir/$file.pem" \
    || die "openssl: sign $file"
  rm -f "$dir/$file.csr"
}

# SANs of each served name.
host_san() {
  case $1 in
    chatgpt.com) echo "DNS:chatgpt.com,DNS:*.chatgpt.com" ;;
    ip-control)  echo "IP:$CONTROL_IP" ;;
    *)           echo "DNS:$1" ;;
  esac
}

# pki_init — the lab CA, the untrusted CA, and a leaf from each for every host, the IP control and the default server.
pki_init() {
  mkdir -p "$PKI_DIR"
  [[ -s $PKI_DIR/.done ]] && return 0
  pki_ca ca "chatgpt-doctor Lab Root CA"
  pki_ca untrusted-ca "Untrusted Lab CA"
  local ca h
  for ca in ca untrusted-ca; do
    for h in "${LAB_HOST_ORDER[@]}" ip-control default.lab.test; do
      if [[ $h == ip-control ]]; then pki_leaf "$ca" "$h" "$CONTROL_IP" "$(host_san "$h")"
      else pki_leaf "$ca" "$h" "$h" "$(host_san "$h")"; fi
    done
  done
  date >"$PKI_DIR/.done"
}
