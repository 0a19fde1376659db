# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A corporate network whose proxy is set only in Windows' Internet Settings (the registry), as Group Policy or the
# Settings app leave it: no --proxy, no *_PROXY variable. Direct TCP 443 to OpenAI is dropped by the client's
# firewall; the proxy (tinyproxy) refuses OpenAI's domains with "403 Filtered" and lets the controls through.
DESCRIPTION="proxy only in HKCU Internet Settings (ProxyEnable, ProxyServer); it refuses OpenAI's domains"
EXPECT_LAYER=local_network EXPECT_CAUSE=proxy_denied EXPECT_EXIT=3

faults() {
  start_tinyproxy '(^|\.)chatgpt\.com$' '(^|\.)openai\.com$' '(^|\.)oaistatic\.com$'
  cli_block_openai_direct
}

windows() {
  local key='HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
  wine_reg add "$key" /v ProxyEnable /t REG_DWORD /d 1 /f
  wine_reg add "$key" /v ProxyServer /t REG_SZ /d "$PROXY_V4:$TINYPROXY_PORT" /f
  # What the Windows program will read back, as reg.exe shows it.
  wine_reg query "$key" /v ProxyServer
  grep -q "ProxyServer.*$PROXY_V4:$TINYPROXY_PORT" "$W/reg.out" || die "reg.exe did not store ProxyServer"
}

# The refusals came from tinyproxy itself (the registry's proxy was used), and the controls went through it.
verify() {
  local log=$W/tinyproxy.out
  grep -q 'Proxying refused on filtered domain "chatgpt.com"' "$log" \
    || { VERIFY_MSG="tinyproxy refused no CONNECT to chatgpt.com (was the registry's proxy used?)"; return 1; }
  grep -q "Established connection to host \"$CONTROL_NAME\"" "$log" \
    || { VERIFY_MSG="no control went through tinyproxy"; return 1; }
}
