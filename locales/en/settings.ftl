# chatgpt-doctor — English. Errors in flags, files and variables; warnings about settings.

err-line = error: { $text }

## Flags

err-flag-belongs-to-check = '{ $flag }' belongs to `check`: write it after the subcommand, or leave out '{ $subcommand }'
err-not-a-port = '{ $value }' is not a port number (1-65535)
err-not-an-ip = '{ $value }' is not an IP address (IPv6 may be written in a pair of square brackets)
err-not-a-host = '{ $value }' is not a host name or an IP address (IPv6 in a pair of square brackets)
err-resolve-form = '{ $value }' is not HOST:PORT:ADDR[,ADDR]... (example: api.openai.com:443:127.0.0.1)
err-connect-to-form = '{ $value }' is not HOST:PORT:CHOST:CPORT (example: chatgpt.com:443:127.0.0.1:8443; empty parts allowed)
err-dns-server-form = '{ $value }' is not IP[:PORT] (examples: 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53)
err-not-seconds = '{ $value }' is not a number of seconds
err-seconds-range = '{ $value }' must be between 0.001 and 3600 seconds
err-width-range = '{ $value }' is not a width: give a number of columns from 40 to 1000
err-not-a-url = '{ $value }' is not a URL: { $error }
err-url-scheme = '{ $value }': only http:// and https:// URLs are supported
err-url-no-host = '{ $value }' has no host
err-url-credentials = '{ $value }': credentials in URLs are not accepted here (they would be printed)
err-url-part = '{ $value }': { $problem }
err-doh-https = '{ $value }': a DNS-over-HTTPS URL must start with https://
err-json-format-disagree = --json and --format { $format } disagree: give one of them
err-prometheus-check-only = --format prometheus is for `check` (`serve` serves the same metrics over HTTP)
err-stdout = cannot write to stdout: { $error }
err-runtime = cannot start the async runtime: { $error }
err-invalid-value = invalid value '{ $value }' for '{ $arg }': { $problem }
err-not-one-of = invalid value '{ $value }' for '{ $arg }' (possible values: { $values })
err-unknown-argument = unexpected argument '{ $arg }'
err-try-help = For more information, try '--help'.

## Files and variables

err-in-variable = { $variable }: { $problem }
err-key-file-empty = --api-key-file { $path }: the file is empty
err-key-file-characters = --api-key-file { $path }: the key holds characters that cannot be sent in an HTTP header
err-header-characters = { $variable } holds characters that cannot be sent in an HTTP header
err-key-unicode = OPENAI_API_KEY is not valid Unicode
err-cacert-not-pem = --cacert { $path }: not a valid PEM file: { $error }
err-edge-ranges-bad = --edge-ranges { $path }: { $problem }
edge-ranges-bad-line = line { $line }: '{ $entry }' is not a CIDR range (like 104.16.0.0/13 or 2606:4700::/32)
edge-ranges-too-many = more than { $limit } ranges (the limit; Cloudflare publishes 22)
file-not-found = cannot read { $setting } { $path }: there is no such file
file-not-regular = { $setting } { $path } is not a regular file ({ $kind }): it was not opened
file-too-large = { $setting } { $path } is larger than { $limit }, the limit for this file: it was not read
file-unreadable = cannot read { $setting } { $path }: { $error }
pem-unterminated = the block begun on line { $line } has no END line
pem-nested-begin = line { $line } begins a block inside the one begun on line { $begun }, which has no END line
pem-stray-end = line { $line } ends a block that was not begun (or was begun with another label)
pem-malformed-marker = line { $line } is neither a BEGIN nor an END line (-----BEGIN LABEL----- with five dashes)
pem-bad-base64 = the block begun on line { $line } is not valid Base64
pem-not-a-certificate = the block begun on line { $line } is labelled CERTIFICATE but holds no X.509 certificate
pem-no-certificate = no PEM certificate (-----BEGIN CERTIFICATE-----) found

## Proxy settings

proxy-setting-empty = { $source } is empty
proxy-url-unusable = { $source } ('{ $value }') is not a usable proxy URL: { $why }
proxy-url-https = https:// proxies (TLS to the proxy) are not supported; use http://, socks5:// or socks5h://
proxy-url-scheme = the scheme '{ $scheme }://' is not supported; use http://, socks5:// or socks5h://
proxy-url-no-scheme = it does not start with a scheme such as http://
proxy-url-invalid = { $error }
proxy-url-no-host = it names no host
proxy-url-bad-host = the host is not a host name or an IP address
proxy-variable-ignored = { $problem }; it is ignored here, and tools that read it fail or go direct
proxy-variable-not-unicode = { $variable } is not valid UTF-8: it is ignored here, and other programs read its bytes each their own way
proxy-no-port = { $source } ({ $proxy }) names no port: curl and chatgpt-doctor use { $port }, most other tools use 80 for an http:// proxy; write the port
proxy-disagree = { $lower } ({ $lower_value }) and { $upper } ({ $upper_value }) disagree: curl and chatgpt-doctor use { $lower }; programs that read the upper-case name first (Go's, for one) use { $upper }
proxy-credentials-disagree = { $lower } and { $upper } name the same proxy ({ $proxy }) with different credentials (not shown): curl and chatgpt-doctor use { $lower }; programs that read the upper-case name first (Go's, for one) use { $upper }
noproxy-bad-range = '{ $entry }' is not an address range (example: 10.0.0.0/8)
noproxy-bad-port = '{ $entry }': '{ $port }' is not a port
noproxy-bad-entry = '{ $entry }' is not a host name, an address or a range
noproxy-flag-bad = --noproxy: { $problem }
noproxy-entry-ignored = { $source }: { $problem }; the entry is ignored
noproxy-disagree = no_proxy ('{ $lower }') and NO_PROXY ('{ $upper }') disagree: curl and chatgpt-doctor use no_proxy; programs that read the upper-case name first (Go's, for one) use NO_PROXY

## The trust store

trust-store-empty = the system trust store is empty: apps that use it will reject every certificate
trust-store-load-error = the system trust store: { $error }
trust-store-skipped = { $problem }; the system trust store is loaded without it (programs that honour the setting fail the same way)
trust-store-pem = { $setting } { $path }: { $problem }
trust-store-not-a-directory = SSL_CERT_DIR names { $path }, which is not a directory; it is passed over

## PAC files (proxy auto-configuration)

pac-err-bad-location = '{ $location }' is not a path or a file://, http:// or https:// URL of a PAC file
pac-err-unreadable = cannot read the PAC file { $path }: { $error }
pac-err-not-a-file = the PAC file { $path } is not a regular file ({ $kind }): it was not opened
pac-err-too-large = the PAC file is too large ({ $bytes } bytes or more; the limit is { $limit })
pac-err-fetch = cannot fetch the PAC file { $url }: the { $stage } stage failed ({ $failure }) { $detail }
pac-err-http-status = cannot fetch the PAC file { $url }: the server answered HTTP { $status }
pac-err-redirects = cannot fetch the PAC file { $url }: more than { $limit } redirects
pac-err-body-cut = cannot fetch the PAC file { $url }: the server stopped sending after { $bytes } bytes
pac-err-fetch-deadline = the PAC file { $location } did not arrive before the deadline
pac-err-nul-byte = the PAC file holds a NUL byte (at byte { $offset }): it is not a script
pac-err-syntax = the PAC file is not valid JavaScript: { $message }
pac-err-syntax-line = the PAC file is not valid JavaScript (line { $line }): { $message }
pac-err-no-function = the PAC file defines no function FindProxyForURL
pac-err-threw-loading = the PAC file threw an exception while loading: { $message }
pac-err-threw = FindProxyForURL threw an exception: { $message }
pac-err-timeout = the PAC file ran longer than { $seconds } s and was stopped
pac-err-timeout-stuck = the PAC file ran longer than { $seconds } s inside the engine and was abandoned
pac-err-memory = the PAC file used up its memory limit ({ $limit } bytes)
pac-err-stack = the PAC file recursed past its stack limit ({ $limit } bytes)
pac-err-not-a-string = FindProxyForURL returned { $got }, not a string
pac-err-empty-result = FindProxyForURL returned no proxy and no DIRECT (browsers then connect directly)
pac-err-bad-result = FindProxyForURL returned '{ $entry }': { $problem }
pac-err-engine = the JavaScript engine failed: { $detail }
pac-entry-unknown-keyword = the keyword is not DIRECT, PROXY, HTTP, HTTPS, SOCKS, SOCKS4 or SOCKS5
pac-entry-missing-address = the proxy has no host:port
pac-entry-extra-words = there are words after host:port
pac-entry-bad-host = the host is not a host name or an IP address (IPv6 in brackets)
pac-entry-bad-port = the port is not a number from 1 to 65535
pac-note-media-type = the PAC file was served as { $media_type }, not application/x-ns-proxy-autoconfig (some programs refuse it)
pac-note-not-utf8 = the PAC file is not UTF-8; it was read as Latin-1
pac-note-redirected = { $from } redirected to { $to }
## The hosts file

hosts-error-not-a-file = { $file } is not a regular file: it was not read
hosts-error-too-large = { $file } is larger than { $kib } KiB: it was not read
hosts-error-unreadable = { $file } could not be read: { $error }
