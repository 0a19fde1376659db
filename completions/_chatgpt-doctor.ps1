
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'chatgpt-doctor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'chatgpt-doctor'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'chatgpt-doctor' {
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Probe ChatGPT''s web, app and API endpoints and control targets, and print a layered verdict')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the `--json` report')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'chatgpt-doctor;check' {
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;schema' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Probe ChatGPT''s web, app and API endpoints and control targets, and print a layered verdict')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the `--json` report')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'chatgpt-doctor;help;check' {
            break
        }
        'chatgpt-doctor;help;completions' {
            break
        }
        'chatgpt-doctor;help;schema' {
            break
        }
        'chatgpt-doctor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
