# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The desktop's proxy setting is stale (a proxy of another network, nothing listens there) while the shell's
# HTTPS_PROXY names the proxy that works: terminal tools work, browsers and the desktop app do not.
DESCRIPTION="GNOME manual proxy points at a dead port; HTTPS_PROXY names a working tinyproxy; direct 443 dropped"
EXPECT_LAYER=machine EXPECT_CAUSE=proxy_unreachable EXPECT_EXIT=3

configure() {
  gnome_proxy_settings org.gnome.system.proxy mode "'manual'" \
    org.gnome.system.proxy.https host "'$PROXY_V4'" org.gnome.system.proxy.https port 3999
  BIN_ENV+=(HTTPS_PROXY="http://$PROXY_V4:$TINYPROXY_PORT")
}

faults() {
  start_tinyproxy '^no-such-host\.invalid$'
  cli_block_openai_direct
}

verify() {
  [[ $(json_get "$1" '.routes[0].route') == env && $(json_get "$1" '.routes[0].cause') == healthy ]] \
    || { VERIFY_MSG="the terminal's route (HTTPS_PROXY) is not healthy"; return 1; }
  [[ $(json_get "$1" '.routes[1].cause') == proxy_unreachable ]] || { VERIFY_MSG="the browsers' route is not proxy_unreachable"; return 1; }
  [[ $(json_get "$1" '.verdict.summary') == "Browsers and the desktop app fail"* ]] \
    || { VERIFY_MSG="the summary does not name the programs that fail"; return 1; }
}
