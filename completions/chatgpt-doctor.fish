# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_chatgpt_doctor_global_optspecs
    string join \n 4/ipv4 6/ipv6 resolve= connect-to= cacert= dns-server= doh-url= timeout= max-time= control= status-url= base-url= api-key-file= surface= strict json color= q/quiet v/verbose h/help V/version
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

complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l doh-url -d 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -s V -l version -d 'Print version'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "check" -d 'Probe ChatGPT\'s web, app and API endpoints and control targets, and print a layered verdict'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "schema" -d 'Print the JSON Schema of the `--json` report'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l resolve -d 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l connect-to -d 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l cacert -d 'Also trust the CA certificates in this PEM file (added to both the system and public stores)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l dns-server -d 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l doh-url -d 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l timeout -l connect-timeout -d 'Timeout of each stage (dns, tcp, tls, http), in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l max-time -d 'Deadline of the whole run, in seconds' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l control -d 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l status-url -d 'Base URL of the status page (default https://status.openai.com)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l base-url -d 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)' -r
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l api-key-file -d 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)' -r -F
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l surface -d 'Probe only these surfaces (comma-separated); controls always run' -r -f -a "web\t'chatgpt.com in a browser'
app\t'The iOS and Android apps\' edge'
api\t'api.openai.com (or the configured base URL)'
auth\t'auth.openai.com, used to log in'
assets\t'Static assets (cdn.oaistatic.com)'
status\t'OpenAI\'s status page'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l strict -d 'Exit non-zero when the verdict is healthy but carries warnings'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -l color -d 'When to colour the human output' -r -f -a "auto\t'Colour when stdout is a terminal, honouring NO_COLOR, CLICOLOR_FORCE and TERM=dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -l json -d 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -s q -l quiet -d 'Print only the verdict (no progress, no per-target table)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -s v -l verbose -d 'Show more detail: addresses, certificate chains, headers (repeat for more)'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check completions schema help" -f -a "check" -d 'Probe ChatGPT\'s web, app and API endpoints and control targets, and print a layered verdict'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check completions schema help" -f -a "completions" -d 'Print a shell completion script'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check completions schema help" -f -a "schema" -d 'Print the JSON Schema of the `--json` report'
complete -c chatgpt-doctor -n "__fish_chatgpt_doctor_using_subcommand help; and not __fish_seen_subcommand_from check completions schema help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
