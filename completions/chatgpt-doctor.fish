# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_chatgpt_doctor_global_optspecs
    string join \n 4/ipv4 6/ipv6 dns-server= timeout= resolve= connect-to= cacert= doh-url= edge-ranges= max-time= control= status-url= base-url= x/proxy= noproxy= api-key-file= surface= route= strict json format= color= q/quiet v/verbose lang= width= h/help V/version
end

function __fish_chatgpt_doctor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_chatgpt_doctor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_chatgpt_doctor_using_subcommand
    set -l cmd (__fish_chatgpt_doctor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l doh-url -d 'DNS-over-HTTPS resolver for the control lookups that OpenAI\'s answers are compared with' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l edge-ranges -d 'Address ranges OpenAI\'s edge answers from, one CIDR a line (default: Cloudflare\'s published ranges); an answer outside them weighs as evidence of DNS tampering' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s x -l proxy -d 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l noproxy -d 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l route -d 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine\'s programs take]' -r -f -a "env\t'The way terminal tools and SDKs go: the proxy variables and flags'
system\t'The way browsers and the desktop app go: the system proxy or its PAC file'
direct\t'No proxy at all'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s V -l version -d 'Print version'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "check" -d 'Probe ChatGPT\'s web, app and API endpoints and control targets, and print a layered verdict'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "status" -d 'Read OpenAI\'s status page: indicator, components not operational, incidents, maintenance (exit 0 operational, 5 trouble reported, 7 unreadable)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "auth" -d 'Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization mismatch, quota, rate limits'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "schema" -d 'Print the JSON Schema of a `--json` output (default: the check report)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "dns" -d 'Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked (exit 0 resolved, 8 not)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "tcp" -d 'Connect to one host\'s port over TCP, per address family (exit 0 connected, 8 not)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "tls" -d 'A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "http" -d 'One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing, content transfer (exit 0 on any HTTP answer, 8 on none)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "endpoints" -d 'List the built-in targets of `check`, their surfaces and what each probe proves'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "watch" -d 'Run the check again and again and print a line whenever the verdict changes'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "serve" -d 'Serve Prometheus metrics over HTTP: `/metrics` (the latest check, refreshed every --interval) and `/probe?surface=web,api` (a fresh check of those surfaces); one check at a time'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "report" -d 'Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "man" -d 'Print the man page (generated from these definitions; see man/)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s o -l output -d 'Write the output to FILE instead of stdout, replacing it atomically (a temporary file in the same directory, then a rename): readers such as node_exporter never see half a file' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l doh-url -d 'DNS-over-HTTPS resolver for the control lookups that OpenAI\'s answers are compared with' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l edge-ranges -d 'Address ranges OpenAI\'s edge answers from, one CIDR a line (default: Cloudflare\'s published ranges); an answer outside them weighs as evidence of DNS tampering' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s x -l proxy -d 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l noproxy -d 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l route -d 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine\'s programs take]' -r -f -a "env\t'The way terminal tools and SDKs go: the proxy variables and flags'
system\t'The way browsers and the desktop app go: the system proxy or its PAC file'
direct\t'No proxy at all'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l doh-url -d 'DNS-over-HTTPS resolver for the control lookups that OpenAI\'s answers are compared with' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l edge-ranges -d 'Address ranges OpenAI\'s edge answers from, one CIDR a line (default: Cloudflare\'s published ranges); an answer outside them weighs as evidence of DNS tampering' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -s x -l proxy -d 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l noproxy -d 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l route -d 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine\'s programs take]' -r -f -a "env\t'The way terminal tools and SDKs go: the proxy variables and flags'
system\t'The way browsers and the desktop app go: the system proxy or its PAC file'
direct\t'No proxy at all'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l doh-url -d 'DNS-over-HTTPS resolver for the control lookups that OpenAI\'s answers are compared with' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l edge-ranges -d 'Address ranges OpenAI\'s edge answers from, one CIDR a line (default: Cloudflare\'s published ranges); an answer outside them weighs as evidence of DNS tampering' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -s x -l proxy -d 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l noproxy -d 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l route -d 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine\'s programs take]' -r -f -a "env\t'The way terminal tools and SDKs go: the proxy variables and flags'
system\t'The way browsers and the desktop app go: the system proxy or its PAC file'
direct\t'No proxy at all'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand auth" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand dns" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tcp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l decoy-sni -d 'The SNI of the SNI test: when the handshake with the real name is reset or times out, the same address is tried with this name' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand tls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand http" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand endpoints" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l interval -d 'Seconds between checks after a change (fractions allowed, down to 0.001 for tests)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l max-interval -d 'While the verdict stays the same, the wait doubles after each check up to this many seconds (a value at or below --interval turns the backing off off)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l notify-command -d 'Run CMD on each change of verdict, with the verdict in CHATGPT_DOCTOR_* environment variables (run by `sh -c`, or `cmd /C` on Windows; it gets no other input)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l max-runs -d 'Stop after this many checks and exit with the last verdict\'s code' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l doh-url -d 'DNS-over-HTTPS resolver for the control lookups that OpenAI\'s answers are compared with' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l edge-ranges -d 'Address ranges OpenAI\'s edge answers from, one CIDR a line (default: Cloudflare\'s published ranges); an answer outside them weighs as evidence of DNS tampering' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -s x -l proxy -d 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l noproxy -d 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l route -d 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine\'s programs take]' -r -f -a "env\t'The way terminal tools and SDKs go: the proxy variables and flags'
system\t'The way browsers and the desktop app go: the system proxy or its PAC file'
direct\t'No proxy at all'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l until-healthy -d 'Exit 0 as soon as the verdict is healthy'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l notify -d 'Ring the terminal bell (on stderr) on each change of verdict'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l listen -d 'The address to listen on (HTTP; `/metrics` and `/probe?surface=…`)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l interval -d 'Seconds between the checks behind `/metrics` (fractions allowed)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l doh-url -d 'DNS-over-HTTPS resolver for the control lookups that OpenAI\'s answers are compared with' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l edge-ranges -d 'Address ranges OpenAI\'s edge answers from, one CIDR a line (default: Cloudflare\'s published ranges); an answer outside them weighs as evidence of DNS tampering' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -s x -l proxy -d 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l noproxy -d 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l route -d 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine\'s programs take]' -r -f -a "env\t'The way terminal tools and SDKs go: the proxy variables and flags'
system\t'The way browsers and the desktop app go: the system proxy or its PAC file'
direct\t'No proxy at all'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -s o -l output -d 'The Markdown file to write; the JSON goes next to it (`.md` replaced by `.json`). `-` writes only the Markdown (or, with --json, only the JSON) to stdout' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l doh-url -d 'DNS-over-HTTPS resolver for the control lookups that OpenAI\'s answers are compared with' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l edge-ranges -d 'Address ranges OpenAI\'s edge answers from, one CIDR a line (default: Cloudflare\'s published ranges); an answer outside them weighs as evidence of DNS tampering' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -s x -l proxy -d 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l noproxy -d 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l route -d 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine\'s programs take]' -r -f -a "env\t'The way terminal tools and SDKs go: the proxy variables and flags'
system\t'The way browsers and the desktop app go: the system proxy or its PAC file'
direct\t'No proxy at all'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l anonymize -d 'Also replace your public IP address, private addresses, the system resolver\'s addresses, this machine\'s host name and your network\'s domain names with placeholders'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -l out-dir -d 'Write every page into this directory instead (as committed under man/)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -l format -d 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only' -r -f -a "human\t'The layered verdict and per-target table for people'
json\t'One JSON document (the same as --json)'
prometheus\t'The Prometheus text format 0.0.4 (promtool, node_exporter\'s textfile collector, the Pushgateway); `check` only'
openmetrics\t'OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -l lang -d 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON\'s summary and advice follow only this flag' -r -f -a "en\t'English'
zh-CN\t'Simplified Chinese (简体中文)'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -l width -d 'Width of the human output in columns, from 40 to 1000 [default: the terminal\'s width, else COLUMNS; when neither is known, whole lines for scripts]' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "check" -d 'Probe ChatGPT\'s web, app and API endpoints and control targets, and print a layered verdict'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "status" -d 'Read OpenAI\'s status page: indicator, components not operational, incidents, maintenance (exit 0 operational, 5 trouble reported, 7 unreadable)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "auth" -d 'Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization mismatch, quota, rate limits'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "completions" -d 'Print a shell completion script'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "schema" -d 'Print the JSON Schema of a `--json` output (default: the check report)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "dns" -d 'Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked (exit 0 resolved, 8 not)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "tcp" -d 'Connect to one host\'s port over TCP, per address family (exit 0 connected, 8 not)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "tls" -d 'A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "http" -d 'One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing, content transfer (exit 0 on any HTTP answer, 8 on none)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "endpoints" -d 'List the built-in targets of `check`, their surfaces and what each probe proves'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "watch" -d 'Run the check again and again and print a line whenever the verdict changes'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "serve" -d 'Serve Prometheus metrics over HTTP: `/metrics` (the latest check, refreshed every --interval) and `/probe?surface=web,api` (a fresh check of those surfaces); one check at a time'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "report" -d 'Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "man" -d 'Print the man page (generated from these definitions; see man/)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check status auth completions schema dns tcp tls http endpoints watch serve report man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
