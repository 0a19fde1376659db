# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# Middleboxes for the scenarios about networks in the way (issue 5): forward proxies in the edge namespace
# (tinyproxy, squid), a DNS-over-HTTPS resolver (unbound) in a namespace of its own, and helpers around them.
# Scenarios call these from their `faults` hook (the world is up then); every daemon is a child of the harness,
# started with start_bg/start_bg_in and killed by PID at teardown.
#
#   need_tools TOOL...            fail the scenario's setup when a tool is missing
#   bin_mentions WORD             the binary's --help mentions WORD (e.g. --proxy): for `requires` hooks
#   edge_addr ADDR...             more addresses on the edge's veth (IPv6 ones contain ':'), e.g. a proxy's
#   lab_hosts_file FILE           an /etc/hosts with every lab name's true addresses (for proxies resolving names)
#   start_tinyproxy ERE...        tinyproxy on $PROXY_V4:$TINYPROXY_PORT, CONNECT to 443 only, refusing (403
#                                 "Filtered") hosts matching the EREs, resolving names from lab_hosts_file
#   start_squid LINE...           squid on $PROXY_V4:$SQUID_PORT with the given access lines (acl, auth_param,
#                                 http_access ...), resolving from lab_hosts_file then the lab's resolver
#   cli_block_openai_direct       the client's firewall drops TCP 443 to OpenAI's addresses (v4, v6): the proxy is
#                                 the only way out, as on a corporate network
#   edge_dnat_443 PORT ADDR...    TCP 443 from the client to ADDR (v4 or v6) is rewritten to ADDR:PORT in the
#                                 edge (nat PREROUTING), for a server that cannot take 443 from nginx's wildcard
#   slow_tcp_stages REPORT        TCP connects over 200 ms in a report (a server's backlog overflowing)
#   openai_san                    a subjectAltName naming every OpenAI name (one leaf for a server answering for
#                                 all of them, as a trusted interceptor's would)
#   start_doh                     unbound serving DNS-over-HTTPS (https://$DOH_V4/dns-query, certificate from the
#                                 lab CA for the IP) and plain DNS on $DOH_V4:53, with the true answers of every
#                                 lab name, whatever DNS_A/DNS_AAAA say; in aux namespace "doh"

need_tools() {
  local tool
  for tool in "$@"; do command -v "$tool" >/dev/null || die "missing tool: $tool (scripts/install-test-deps.sh)"; done
}

# bin_mentions WORD — true when `$BIN --help` names WORD as a word of its own (--proxy, not --noproxy or
# --proxy-user).
bin_mentions() {
  [[ -x $BIN ]] || return 1
  t 10 "$BIN" --help 2>/dev/null | grep -qE -- "(^|[^-[:alnum:]])$1([^-[:alnum:]]|\$)"
}

edge_addr() {
  local a
  for a in "$@"; do
    if [[ $a == *:* ]]; then t 10 ip -n "$EDGE_NS" addr add "$a/64" dev v-edge nodad
    else t 10 ip -n "$EDGE_NS" addr add "$a/24" dev v-edge; fi
  done
}

# The edge's nginx listens on *:443, so another server in the edge takes a port of its own and the client's
# connections to 443 are rewritten to it (DNAT keeps the address, so the server still sees where they went).
edge_dnat_443() {
  local port=$1 a; shift
  for a in "$@"; do
    if [[ $a == *:* ]]; then
      edge_ip6t -t nat -A PREROUTING -i v-edge -d "$a" -p tcp --dport 443 -j DNAT --to-destination "[$a]:$port" || return 1
    else
      edge_ipt -t nat -A PREROUTING -i v-edge -d "$a" -p tcp --dport 443 -j DNAT --to-destination "$a:$port" || return 1
    fi
  done
}

# slow_tcp_stages REPORT — how many TCP connects in the report took over 200 ms. A server of the lab's that
# answers in the edge's place must not be the bottleneck itself: a full listen backlog drops SYNs, and the 1 s
# retransmission makes a slow path that is not the world's fault.
slow_tcp_stages() {
  jq -r '[.targets[] | .stages[] | select(.stage == "tcp" and .duration_ms > 200)] | length' "$1"
}

openai_san() {
  local h s=""
  for h in $(openai_hosts); do s+="${s:+,}$(host_san "$h")"; done
  echo "$s"
}

lab_hosts_file() {
  local h
  {
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
    for h in "${LAB_HOST_ORDER[@]}"; do
      printf '%s\t%s\n' "$(host_v4 "$h")" "$h"
      printf '%s\t%s\n' "$(host_v6 "$h")" "$h"
    done
  } >"$1"
}

cli_block_openai_direct() {
  local a
  for a in $(openai_v4); do cli_ipt  -A OUTPUT -p tcp --dport 443 -d "$a" -j DROP || return 1; done
  for a in $(openai_v6); do cli_ip6t -A OUTPUT -p tcp --dport 443 -d "$a" -j DROP || return 1; done
}

# ---- tinyproxy 1.11 -----------------------------------------------------------------------------------------
# It resolves names itself with getaddrinfo, i.e. from /etc/hosts here (the edge has no resolv.conf of its own):
# it runs in a private mount namespace with the lab's hosts file bound over /etc/hosts.
start_tinyproxy() {
  need_tools tinyproxy unshare
  local d=$W/tinyproxy
  mkdir -p "$d"
  [[ -n $(t 3 ip -n "$EDGE_NS" -4 addr show to "$PROXY_V4/32") ]] || edge_addr "$PROXY_V4"
  lab_hosts_file "$d/hosts"
  printf '%s\n' "$@" >"$d/filter"
  cat >"$d/tinyproxy.conf" <<EOC
Port $TINYPROXY_PORT
Listen $PROXY_V4
Timeout 30
MaxClients 64
Allow 198.51.100.0/24
ConnectPort 443
Filter "$d/filter"
FilterType ere
FilterDefaultDeny No
LogLevel Info
DefaultErrorFile "/usr/share/tinyproxy/default.html"
EOC
  # shellcheck disable=SC2016  # $1, $2: arguments of the inner sh
  start_bg tinyproxy unshare -m sh -c 'mount --bind "$1" /etc/hosts && exec tinyproxy -d -c "$2"' \
    sh "$d/hosts" "$d/tinyproxy.conf"
  wait_listen "$EDGE_NS" tinyproxy tcp "$PROXY_V4:$TINYPROXY_PORT"
}

# ---- squid 5.7 ----------------------------------------------------------------------------------------------
# squid drops to the `proxy` user: its directory is that user's, and the run's directories are made traversable
# (o+x, not listable) so it reaches it; the PKI directory (CA keys) stays root's only.
start_squid() {
  need_tools squid
  local d=$W/squid line
  mkdir -p "$d"
  [[ -n $(t 3 ip -n "$EDGE_NS" -4 addr show to "$PROXY_V4/32") ]] || edge_addr "$PROXY_V4"
  lab_hosts_file "$d/hosts"
  {
    cat <<EOC
http_port $PROXY_V4:$SQUID_PORT
visible_hostname proxy.lab.test
pid_filename $d/squid.pid
cache_log $d/cache.log
access_log stdio:$d/access.log
cache_store_log none
netdb_filename none
logfile_rotate 0
coredump_dir $d
cache deny all
cache_mem 8 MB
pinger_enable off
shutdown_lifetime 1 seconds
hosts_file $d/hosts
dns_nameservers $RESOLVER_V4
acl SSL_ports port 443
acl CONNECT method CONNECT
http_access deny CONNECT !SSL_ports
EOC
    for line in "$@"; do printf '%s\n' "$line"; done
    echo "http_access deny all"
  } >"$d/squid.conf"
  chmod 700 "$PKI_DIR"
  chmod o+x "$RUN_DIR" "$W"
  chown -R proxy:proxy "$d"
  start_bg squid squid -N -f "$d/squid.conf"
  wait_listen "$EDGE_NS" squid tcp "$PROXY_V4:$SQUID_PORT" 20
}

# ---- unbound 1.17: DNS-over-HTTPS ---------------------------------------------------------------------------
# The edge's nginx listens on *:443, so no other server can take port 443 on an edge address: the resolver gets a
# namespace of its own, linked to the client (aux_ns).
start_doh() {
  need_tools unbound
  local d=$W/unbound h
  mkdir -p "$d"
  aux_ns doh "$DOH_V4"
  pki_leaf ca "doh-$DOH_V4" "$DOH_V4" "IP:$DOH_V4"
  {
    cat <<EOC
server:
    verbosity: 1
    username: ""
    chroot: ""
    directory: "$d"
    pidfile: "$d/unbound.pid"
    use-syslog: no
    logfile: ""
    log-queries: yes
    do-daemonize: no
    num-threads: 1
    so-reuseport: no
    do-ip6: no
    interface: $DOH_V4
    interface: $DOH_V4@443
    https-port: 443
    http-endpoint: "/dns-query"
    tls-service-key: "$PKI_DIR/ca/doh-$DOH_V4.key"
    tls-service-pem: "$PKI_DIR/ca/doh-$DOH_V4.pem"
    access-control: 0.0.0.0/0 allow
    local-zone: "." static
EOC
    for h in "${LAB_HOST_ORDER[@]}"; do
      printf '    local-data: "%s. 60 IN A %s"\n' "$h" "$(host_v4 "$h")"
      printf '    local-data: "%s. 60 IN AAAA %s"\n' "$h" "$(host_v6 "$h")"
    done
    printf 'remote-control:\n    control-enable: no\n'
  } >"$d/unbound.conf"
  t 10 unbound-checkconf "$d/unbound.conf" >"$d/checkconf.out" 2>&1 \
    || { log "unbound.conf rejected:"; cat "$d/checkconf.out" >&2; return 1; }
  # shellcheck disable=SC2154  # AUX_NS_doh is set by aux_ns
  start_bg_in "$AUX_NS_doh" unbound unbound -d -c "$d/unbound.conf"
  wait_listen "$AUX_NS_doh" unbound tcp "$DOH_V4:443"
}

# ---- GNOME's proxy settings, as the desktop writes them ------------------------------------------------------
# gnome_proxy_settings SCHEMA KEY VALUE [SCHEMA KEY VALUE]... — writes GNOME proxy settings with gsettings (dconf,
# through its D-Bus service, in a session of its own) into a home of the world's own ($W/gnome-home), and makes
# the binary a program of that GNOME session (HOME, XDG_* and XDG_CURRENT_DESKTOP=GNOME in BIN_ENV).
gnome_proxy_settings() {
  need_tools gsettings dbus-run-session
  local home=$W/gnome-home script=""
  mkdir -p "$home/.config" "$home/run"
  chmod 700 "$home/run"
  while (($# >= 3)); do
    script+="gsettings set $1 $2 \"$3\" || exit 1"$'\n'
    shift 3
  done
  t 30 env -i PATH="$PATH" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run" \
    dbus-run-session -- sh -c "$script" 2>>"$W/gsettings.err" || die "gsettings could not write the GNOME proxy settings (see $W/gsettings.err)"
  BIN_ENV+=(HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run" XDG_CURRENT_DESKTOP=GNOME)
}
