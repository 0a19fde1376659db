# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A corporate network: the client's firewall drops direct TCP 443 to OpenAI, and the way out is a forward proxy
# (tinyproxy, passing everything) that only the desktop's PAC file names — for OpenAI's domains; the rest goes
# DIRECT. Browsers and the desktop app work; curl and the SDKs, with no proxy variable, go direct and are blocked.
DESCRIPTION="GNOME PAC file sends OpenAI to a working proxy, the rest direct; no proxy variable; direct 443 dropped"
EXPECT_LAYER=path EXPECT_CAUSE=tcp_blocked EXPECT_EXIT=4

configure() {
  cat >"$W/proxy.pac" <<EOP
function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, "openai.com") || dnsDomainIs(host, "chatgpt.com") || dnsDomainIs(host, "oaistatic.com"))
    return "PROXY $PROXY_V4:$TINYPROXY_PORT; DIRECT";
  return "DIRECT";
}
EOP
  gnome_proxy_settings org.gnome.system.proxy mode "'auto'" \
    org.gnome.system.proxy autoconfig-url "'file://$W/proxy.pac'"
}

faults() {
  start_tinyproxy '^no-such-host\.invalid$'
  cli_block_openai_direct
}

# Both routes were probed and judged: the browsers' through the PAC file's proxy works, the terminal's fails; the
# verdict says so and advises that proxy; tinyproxy carried OpenAI's connections and not the controls'.
verify() {
  [[ $(json_get "$1" '.routes | length') == 2 ]] || { VERIFY_MSG="not two routes"; return 1; }
  [[ $(json_get "$1" '.routes[1].route') == system && $(json_get "$1" '.routes[1].cause') == healthy ]] \
    || { VERIFY_MSG="the browsers' route is not healthy"; return 1; }
  [[ $(json_get "$1" '.routes[1].source') == PAC* ]] || { VERIFY_MSG="the browsers' route is not the PAC file's"; return 1; }
  [[ $(json_get "$1" '.verdict.summary') == "Terminal tools and SDKs fail"* ]] \
    || { VERIFY_MSG="the summary does not name the programs that fail"; return 1; }
  grep -q "HTTPS_PROXY=http://$PROXY_V4:$TINYPROXY_PORT" <<<"$(json_get "$1" '.verdict.advice[0]')" \
    || { VERIFY_MSG="the advice does not name the browsers' proxy"; return 1; }
  grep -q 'Established connection to host "chatgpt.com"' "$W/tinyproxy.out" \
    || { VERIFY_MSG="tinyproxy carried no connection to chatgpt.com"; return 1; }
  ! grep -q "Established connection to host \"$CONTROL_NAME\"" "$W/tinyproxy.out" \
    || { VERIFY_MSG="the PAC file sends the control direct, yet it went through the proxy"; return 1; }
}
