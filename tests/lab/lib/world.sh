# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# One lab world: two namespaces joined by a veth, a resolver (dnsmasq) and the edge (nginx) in the server namespace.
#
#   world_defaults   fill the tables a scenario's `configure` hook may change (DNS_A, DNS_AAAA, CERT_CA, SITE_FN,
#                    BIN_ARGS, BIN_ENV, NGINX_HTTP_EXTRA, DNSMASQ_EXTRA, status page files)
#   world_up         namespaces, links, addresses, routes, /etc/netns/<cli>/{resolv.conf,hosts}
#   world_render     dnsmasq.conf and nginx.conf from the tables
#   world_start      start dnsmasq and nginx (children, by PID) and wait until they answer
#   world_down       kill by PID, delete the namespaces and /etc/netns/<ns>; idempotent
#   start_bg[_in], wait_listen, aux_ns   more daemons, and a third namespace for them (see below)
#
# Needs: RUN_DIR, RUN_ID, PKI_DIR, W (this world's directory), WORLD_TAG (unique per world in this run).

world_defaults() {
  declare -gA DNS_A=() DNS_AAAA=() CERT_CA=()
  local h
  for h in "${LAB_HOST_ORDER[@]}"; do
    DNS_A[$h]=$(host_v4 "$h")
    DNS_AAAA[$h]=$(host_v6 "$h")
    CERT_CA[$h]=ca
  done
  CERT_CA[ip-control]=ca
  CERT_CA[default]=ca
  # Extra dnsmasq.conf lines, extra nginx http{} lines (e.g. whole server blocks), extra edge addresses.
  DNSMASQ_EXTRA=()
  NGINX_HTTP_EXTRA=()
  # Arguments and environment of the binary (scenarios append; BIN_BASE_ARGS may be replaced).
  BIN_BASE_ARGS=(check --json --cacert "$PKI_DIR/ca.pem" --control "https://$CONTROL_NAME/"
                 --control "https://$CONTROL_IP/" --timeout 2 --max-time 20)
  BIN_ARGS=()
  BIN_ENV=()
  BIN_TIMEOUT=60
  mkdir -p "$W/www/status"
  status_page_default
}

# openai_dns VALUE — set every OpenAI name's A and AAAA to VALUE (NXDOMAIN, an address, ...).
openai_dns() { local h; for h in $(openai_hosts); do DNS_A[$h]=$1; DNS_AAAA[$h]=${2:-$1}; done; }
# openai_certs_from CA — serve every OpenAI name with its leaf from CA (ca | untrusted-ca | a CA made by pki_ca).
openai_certs_from() { local h; for h in $(openai_hosts); do CERT_CA[$h]=$1; done; }

AUX_NSS=()

world_up() {
  CLI_NS=cgd-$RUN_ID-$WORLD_TAG-cli
  EDGE_NS=cgd-$RUN_ID-$WORLD_TAG-edge
  export CLI_NS EDGE_NS
  echo "$CLI_NS $EDGE_NS" >>"$RUN_DIR/namespaces"
  t 10 ip netns add "$CLI_NS"
  t 10 ip netns add "$EDGE_NS"
  # Create the veth pair directly inside the namespaces: it never appears in the root namespace.
  t 10 ip -n "$CLI_NS" link add v-cli type veth peer name v-edge netns "$EDGE_NS"
  local ns
  for ns in "$CLI_NS" "$EDGE_NS"; do
    t 10 ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=0 net.ipv6.conf.all.forwarding=0 \
      net.ipv6.conf.default.accept_ra=0 net.ipv6.conf.all.accept_ra=0
    t 10 ip -n "$ns" link set lo up
  done
  t 10 ip -n "$CLI_NS"  addr add "$CLI_V4/24" dev v-cli
  t 10 ip -n "$CLI_NS"  addr add "$CLI_V6/64" dev v-cli nodad
  t 10 ip -n "$EDGE_NS" addr add "$EDGE_V4/24" dev v-edge
  t 10 ip -n "$EDGE_NS" addr add "$RESOLVER_V4/24" dev v-edge
  t 10 ip -n "$EDGE_NS" addr add "$EDGE_V6/64" dev v-edge nodad
  # Service addresses live on the edge's loopback; the client reaches them through its default route.
  local h
  for h in "${LAB_HOST_ORDER[@]}"; do
    t 10 ip -n "$EDGE_NS" addr add "$(host_v4 "$h")/32" dev lo
    t 10 ip -n "$EDGE_NS" addr add "$(host_v6 "$h")/128" dev lo
  done
  t 10 ip -n "$EDGE_NS" addr add "$CONTROL_IP/32" dev lo
  t 10 ip -n "$EDGE_NS" link set v-edge up
  t 10 ip -n "$CLI_NS"  link set v-cli up
  t 10 ip -n "$CLI_NS"  route add default via "$EDGE_V4"
  t 10 ip -n "$CLI_NS"  -6 route add default via "$EDGE_V6"
  # The client's system resolver and hosts file (bind-mounted by `ip netns exec`).
  if [[ ! -d /etc/netns ]]; then mkdir -p /etc/netns && : >"$RUN_DIR/etc-netns-created"; fi
  mkdir -p "/etc/netns/$CLI_NS"
  printf 'nameserver %s\n' "$RESOLVER_V4" >"/etc/netns/$CLI_NS/resolv.conf"
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"/etc/netns/$CLI_NS/hosts"
}

world_render() {
  mkdir -p "$W/nginx/tmp" "$W/home"
  # ---- dnsmasq ----
  {
    echo "port=53"
    echo "listen-address=$RESOLVER_V4"
    echo "bind-interfaces"
    echo "no-resolv"
    echo "no-hosts"
    echo "no-poll"
    echo "user=root"
    echo "pid-file="
    echo "log-queries"
    echo "log-facility=$W/dnsmasq.log"
    echo "local-ttl=60"
    echo "address=/ready.lab.test/192.0.2.99"
    local h v; local -A seen=()
    for h in "${LAB_HOST_ORDER[@]}" "${!DNS_A[@]}" "${!DNS_AAAA[@]}"; do
      [[ -n ${seen[$h]:-} ]] && continue; seen[$h]=1
      for v in ${DNS_A[$h]:-} ${DNS_AAAA[$h]:-}; do
        if [[ $v == NXDOMAIN ]]; then echo "address=/$h/"; break; fi
        echo "address=/$h/$v"
      done
    done
    printf '%s\n' "${DNSMASQ_EXTRA[@]}"
    # Everything else does not exist (no uplink, no recursion).
    echo "address=/#/"
  } >"$W/dnsmasq.conf"
  # ---- nginx ----
  local n=$W/nginx
  {
    cat <<EOC
load_module /usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so;
daemon off;
master_process off;
worker_processes 1;
pid $n/nginx.pid;
error_log $n/error.log info;
events { worker_connections 512; }
http {
    access_log $n/access.log combined;
    client_body_temp_path $n/tmp/body;
    proxy_temp_path $n/tmp/proxy;
    fastcgi_temp_path $n/tmp/fastcgi;
    uwsgi_temp_path $n/tmp/uwsgi;
    scgi_temp_path $n/tmp/scgi;
    server_tokens off;
    default_type text/plain;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache off;
    keepalive_timeout 10s;
    map \$request_id \$cf_ray_id { "~^(?<r>.{16})" \$r; }
    map \$request_id \$cf_ray { "~^(?<r>.{16})" "\$r-$TRACE_COLO"; }
    map \$request_id \$oai_request_id { "~^(?<r>.*)\$" "req_\$r"; }
    map \$server_protocol \$trace_http { "HTTP/2.0" "http/2"; default "http/1.1"; }
    map \$ssl_server_name \$trace_sni { "" "off"; default "plaintext"; }
EOC
    local h
    for h in default ip-control "${LAB_HOST_ORDER[@]}"; do world_server "$h"; done
    printf '    %s\n' "${NGINX_HTTP_EXTRA[@]}"
    echo "}"
  } >"$n/nginx.conf"
}

# world_server HOST — one server block (HOST may be "default" or "ip-control").
world_server() {
  local h=$1 ca=${CERT_CA[$1]:-ca} fn=${SITE_FN[$1]:-site_default}
  local certname=$h; [[ $h == default ]] && certname=default.lab.test
  local cert=$PKI_DIR/$ca/$certname.pem key=$PKI_DIR/$ca/$certname.key
  [[ -s $cert ]] || pki_leaf "$ca" "$certname" "$certname" "$(host_san "$certname")"
  echo "  server {"
  case $h in
    default)
      echo "    listen 443 ssl http2 default_server;"
      echo "    listen [::]:443 ssl http2 default_server ipv6only=on;"
      echo "    server_name _;" ;;
    ip-control)
      echo "    listen $CONTROL_IP:443 ssl http2 default_server;"
      echo "    server_name $CONTROL_IP;" ;;
    *)
      echo "    listen 443 ssl http2;"
      echo "    listen [::]:443 ssl http2;"
      if [[ $h == chatgpt.com ]]; then echo "    server_name chatgpt.com *.chatgpt.com;"; else echo "    server_name $h;"; fi ;;
  esac
  echo "    ssl_certificate $cert;"
  echo "    ssl_certificate_key $key;"
  if [[ $h != default && $h != ip-control && $(host_cf "$h") == 1 ]]; then
    echo "    more_set_headers 'Server: cloudflare' 'cf-ray: \$cf_ray' 'cf-cache-status: DYNAMIC' 'alt-svc: h3=\":443\"; ma=86400';"
  fi
  "$fn" "$h"
  echo "  }"
}

# start_bg NAME CMD... — start a daemon in the edge namespace as our child, bounded by DAEMON_LIMIT; record its PID
# (in PID_<NAME>); its stdout and stderr go to $W/NAME.out.
start_bg() { start_bg_in "$EDGE_NS" "$@"; }

# start_bg_in NS NAME CMD... — the same in namespace NS (e.g. one made by aux_ns).
start_bg_in() {
  local ns=$1 name=$2; shift 2
  ip netns exec "$ns" timeout -s KILL "${DAEMON_LIMIT:-1800}" "$@" >"$W/$name.out" 2>&1 &
  local pid=$!
  echo "$pid" >>"$W/pids"
  echo "$pid" >>"$RUN_DIR/pids"
  eval "PID_$name=$pid"
}

# wait_listen NS NAME PROTO ADDR:PORT [SECS] — wait until something in NS listens on ADDR:PORT (PROTO tcp or udp)
# while daemon NAME (started by start_bg*) still runs; on failure print its output and return 1.
wait_listen() {
  local ns=$1 name=$2 proto=$3 where=$4 secs=${5:-10} i pid opt=-Htln
  pid=$(eval "echo \${PID_$name:-}")
  [[ $proto == udp ]] && opt=-Huln
  for ((i = 0; i < secs * 10; i++)); do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "$name died:"; tail -n 30 "$W/$name.out" >&2; return 1
    fi
    t 3 ip netns exec "$ns" ss "$opt" "src ${where%:*} and sport = :${where##*:}" 2>/dev/null | grep -q . && return 0
    sleep 0.1
  done
  log "$name: nothing listens on $proto $where after ${secs}s:"; tail -n 30 "$W/$name.out" >&2
  return 1
}

# aux_ns NAME ADDR... — a third namespace, cgd-<run>-<world>-NAME, joined to the client namespace only (not to
# the edge) by its own veth (v-NAME in the client, v-cli in it; link 192.0.2.252/30: client .253, NAME .254),
# with ADDR... (IPv4) on its loopback, routed from the client through that link. For a server that must own a
# port the edge's nginx already holds on every address (443): e.g. the DoH resolver. Prints nothing; sets
# AUX_NS_<NAME> to the namespace. Removed by world_down like the others. One aux namespace per world.
aux_ns() {
  local name=$1; shift
  local ns=cgd-$RUN_ID-$WORLD_TAG-$name a
  AUX_NSS+=("$ns")
  eval "AUX_NS_$name=$ns"
  echo "$ns" >>"$RUN_DIR/namespaces"
  t 10 ip netns add "$ns"
  t 10 ip -n "$CLI_NS" link add "v-$name" type veth peer name v-cli netns "$ns"
  t 10 ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=0 net.ipv6.conf.all.forwarding=0 \
    net.ipv6.conf.default.accept_ra=0 net.ipv6.conf.all.accept_ra=0
  t 10 ip -n "$ns" link set lo up
  t 10 ip -n "$CLI_NS" addr add 192.0.2.253/30 dev "v-$name"
  t 10 ip -n "$ns" addr add 192.0.2.254/30 dev v-cli
  for a in "$@"; do t 10 ip -n "$ns" addr add "$a/32" dev lo; done
  t 10 ip -n "$ns" link set v-cli up
  t 10 ip -n "$CLI_NS" link set "v-$name" up
  for a in "$@"; do t 10 ip -n "$CLI_NS" route add "$a/32" via 192.0.2.254 dev "v-$name"; done
  # Answers go back to the client's veth address too (the client's source for ADDR is 192.0.2.253).
  t 10 ip -n "$ns" route add "$CLI_V4/32" via 192.0.2.253 dev v-cli
}

# shellcheck disable=SC2154  # PID_<name> are set by start_bg
world_start() {
  start_bg dnsmasq dnsmasq --keep-in-foreground --conf-file="$W/dnsmasq.conf"
  start_bg nginx nginx -e "$W/nginx/error.log" -p "$W/nginx/" -c "$W/nginx/nginx.conf"
  local i ok_dns="" ok_web=""
  for ((i = 0; i < 50; i++)); do
    kill -0 "$PID_dnsmasq" 2>/dev/null || { log "dnsmasq died:"; cat "$W/dnsmasq.out" >&2; return 1; }
    kill -0 "$PID_nginx" 2>/dev/null || { log "nginx died:"; cat "$W/nginx.out" "$W/nginx/error.log" >&2; return 1; }
    [[ -z $ok_dns ]] && [[ $(t 3 ip netns exec "$CLI_NS" dig +short +time=1 +tries=1 @"$RESOLVER_V4" ready.lab.test 2>/dev/null) == 192.0.2.99 ]] && ok_dns=1
    [[ -z $ok_web ]] && t 3 ip netns exec "$EDGE_NS" ss -Htln 'sport = :443' 2>/dev/null | grep -q . && ok_web=1
    [[ -n $ok_dns && -n $ok_web ]] && return 0
    sleep 0.2
  done
  log "world did not come up (dns=${ok_dns:-no} web=${ok_web:-no})"
  return 1
}

# kill_pids PID... — TERM, wait up to 3 s, then KILL.
kill_pids() {
  local p i
  [[ $# -gt 0 ]] || return 0
  kill -TERM "$@" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    local alive=0
    for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  kill -KILL "$@" 2>/dev/null || true
  return 0
}

# ns_destroy NS — kill whatever still runs inside NS (by PID), delete it and its /etc/netns entry.
ns_destroy() {
  local ns=$1 pids
  if [[ -e /run/netns/$ns ]]; then
    pids=$(t 5 ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    # shellcheck disable=SC2086
    [[ -n ${pids// /} ]] && kill_pids $pids
    t 10 ip netns del "$ns" 2>/dev/null || true
  fi
  [[ -d /etc/netns/$ns ]] && rm -rf "/etc/netns/${ns:?}"
  return 0
}

world_down() {
  [[ -n ${WORLD_DOWN_DONE:-} ]] && return 0
  WORLD_DOWN_DONE=1
  if [[ -s ${W:-/nonexistent}/pids ]]; then
    # shellcheck disable=SC2046
    kill_pids $(cat "$W/pids")
    wait 2>/dev/null
  fi
  [[ -n ${CLI_NS:-} ]] && ns_destroy "$CLI_NS"
  [[ -n ${EDGE_NS:-} ]] && ns_destroy "$EDGE_NS"
  local ns
  for ns in "${AUX_NSS[@]}"; do ns_destroy "$ns"; done
  return 0
}
