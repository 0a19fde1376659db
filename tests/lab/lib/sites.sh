# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# What each lab host answers: nginx directives for the inside of one `server { }` block per host.
#
# The world calls the function named in SITE_FN[host] (defaults below) while rendering nginx.conf. A scenario
# changes an answer by redefining that function in its file, or by pointing SITE_FN[host] at its own function,
# in its `configure` hook. Bodies mirror the real services' documented answers. nginx variables ($request_id, $cf_ray, ...) may be
# used in bodies; quote bodies with ngx_q, which escapes \ and ' for an nginx single-quoted string.
#
# Variables in the http{} block (see world.sh): $cf_ray ("<16 hex>-<colo>"), $cf_ray_id (16 hex),
# $oai_request_id ("req_<32 hex>"), $trace_http (http/2 | http/1.1), $trace_sni (plaintext | off).

# Knobs a scenario may change in `configure`.
TRACE_LOC=${TRACE_LOC:-DE}     # /cdn-cgi/trace loc= (country the edge sees)
TRACE_COLO=${TRACE_COLO:-FRA}  # colo= and the suffix of cf-ray
TRACE_WARP=${TRACE_WARP:-off}  # warp=
CDN_STATUS=${CDN_STATUS:-404}  # cdn.oaistatic.com/ (a bare CDN root has nothing to serve)

# ngx_q STRING — STRING as an nginx single-quoted string.
ngx_q() { local s=${1//\\/\\\\}; s=${s//\'/\\\'}; printf "'%s'" "$s"; }

# Default host -> site function.
declare -gA SITE_FN=(
  [chatgpt.com]=site_chatgpt
  [ios.chat.openai.com]=site_mobile
  [android.chat.openai.com]=site_mobile
  [api.openai.com]=site_api
  [auth.openai.com]=site_auth
  [cdn.oaistatic.com]=site_cdn
  [status.openai.com]=site_status
  [control.lab.test]=site_control
  [ip-control]=site_control
  [default]=site_default
)

# ---- bodies -------------------------------------------------------------------------------------------------
challenge_html() {
  cat <<'HTML'
<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"><style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15}</style></head><body><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div><script>(function(){window._cf_chl_opt={cvId: "3",cZone: "$host",cType: "managed",cRay: "$cf_ray_id",cH: "lab"};var a=document.createElement("script");a.src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=$cf_ray_id";window._cf_chl_opt.cOgUHash=location.hash;document.getElementsByTagName("head")[0].appendChild(a);}());</script></body></html>
HTML
}

trace_txt() {
  cat <<TXT
fl=lab1
h=\$host
ip=\$remote_addr
ts=\$msec
visit_scheme=https
uag=\$http_user_agent
colo=$TRACE_COLO
sliver=none
http=\$trace_http
loc=$TRACE_LOC
tls=\$ssl_protocol
sni=\$trace_sni
warp=$TRACE_WARP
gateway=off
rbi=off
kex=X25519
TXT
}

# cf_error_html CODE TITLE — a Cloudflare edge error page (52x), as served when the origin fails.
cf_error_html() {
  cat <<HTML
<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html lang="en-US"><head><title>\$host | $1: $2</title><meta charset="UTF-8" /><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><meta name="robots" content="noindex, nofollow" /></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="p-0"><header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8"><h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2"><span class="inline-block">$2</span><span class="code-label">Error code $1</span></h1><div>Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_$1&utm_campaign=\$host" target="_blank" rel="noopener noreferrer">cloudflare.com</a> for more information.</div><div class="mt-3">$(date -u '+%Y-%m-%d %H:%M:%S') UTC</div></header>
<div class="cf-error-overview"><h2>What happened?</h2><p>The initial connection between Cloudflare's network and the origin web server timed out. As a result, the web page can not be displayed.</p></div>
<div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300"><p class="text-13"><span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">\$cf_ray_id</strong></span><span class="cf-footer-separator sm:hidden">&bull;</span><span class="cf-footer-item sm:block sm:mb-1">Performance &amp; security by Cloudflare</span></p></div></div></div></body></html>
HTML
}

# oai_error_json MESSAGE TYPE [CODE] — OpenAI's own error body (code null unless given).
oai_error_json() {
  local code=null; [[ -n ${3:-} ]] && code="\"$3\""
  printf '{\n  "error": {\n    "message": "%s",\n    "type": "%s",\n    "param": null,\n    "code": %s\n  }\n}\n' "$1" "$2" "$code"
}

MISSING_KEY_MSG="You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys."

# ---- sites --------------------------------------------------------------------------------------------------
site_chatgpt() {
  cat <<EOS
    location = /cdn-cgi/trace {
        default_type text/plain;
        more_set_headers 'cache-control: no-cache';
        return 200 $(ngx_q "$(trace_txt)
");
    }
    location / {
        default_type 'text/html; charset=UTF-8';
        more_set_headers 'cf-mitigated: challenge' 'cache-control: private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0' 'cross-origin-opener-policy: same-origin' 'x-frame-options: SAMEORIGIN';
        return 403 $(ngx_q "$(challenge_html)");
    }
EOS
}

site_mobile() {
  cat <<'EOS'
    location = /public-api/mobile/server_status/v1 {
        default_type application/json;
        return 403 '{"cf_details":"Request is not allowed. Please try again later.","type":"dc"}';
    }
    location / {
        default_type application/json;
        return 403 '{"cf_details":"Request is not allowed. Please try again later.","type":"dc"}';
    }
EOS
}

# shellcheck disable=SC2016  # $request_method, $uri: nginx variables, expanded by nginx
site_api() {
  cat <<EOS
    more_set_headers 'x-request-id: \$oai_request_id' 'strict-transport-security: max-age=31536000; includeSubDomains; preload' 'x-content-type-options: nosniff';
    location = /v1/models {
        default_type 'application/json; charset=utf-8';
        more_set_headers 'www-authenticate: Bearer realm="OpenAI API"';
        return 401 $(ngx_q "$(oai_error_json "$MISSING_KEY_MSG" invalid_request_error)");
    }
    location = /compliance/cookie_requirements {
        default_type 'application/json; charset=utf-8';
        return 200 '{"cookie_consent_required":false}';
    }
    location / {
        default_type 'application/json; charset=utf-8';
        return 404 $(ngx_q "$(oai_error_json 'Invalid URL ($request_method $uri)' invalid_request_error)");
    }
EOS
}

site_auth() {
  cat <<'EOS'
    location / {
        default_type 'text/html; charset=utf-8';
        more_set_headers 'cache-control: no-store';
        return 200 '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Log in | OpenAI</title></head><body><div id="root">Log in or sign up</div></body></html>';
    }
EOS
}

site_cdn() {
  cat <<EOS
    location / {
        default_type 'text/html; charset=utf-8';
        return $CDN_STATUS '<html><head><title>$CDN_STATUS</title></head><body><center><h1>$CDN_STATUS</h1></center></body></html>';
    }
EOS
}

# The status page serves files from $W/www/status (written by status_page, below), like a Statuspage API.
site_status() {
  cat <<EOS
    location /api/v2/ {
        root $W/www/status;
        default_type 'application/json; charset=utf-8';
        more_set_headers 'cache-control: max-age=10';
        try_files \$uri =404;
    }
    location / {
        default_type 'text/html; charset=utf-8';
        return 200 '<!DOCTYPE html><html><head><title>OpenAI Status</title></head><body>OpenAI Status</body></html>';
    }
EOS
}

site_control() {
  cat <<'EOS'
    location / {
        default_type text/plain;
        return 200 'ok
';
    }
EOS
}

# Unknown SNI / no SNI on an address without its own default (e.g. a decoy SNI).
site_default() {
  cat <<'EOS'
    location / {
        default_type text/plain;
        return 404 'no such host
';
    }
EOS
}

# ---- status page --------------------------------------------------------------------------------------------
# Components by name (the status page is matched by component name).
STATUS_COMPONENTS=("Responses" "Chat Completions" "Realtime" "Files" "Batch" "Fine-tuning" "Embeddings"
                   "Images" "Login" "Conversations" "Voice mode" "Image Generation" "Codex" "Sora" "FedRAMP")

# status_page INDICATOR "DESCRIPTION" [NAME=STATUS...] — write status.json, summary.json, components.json,
# incidents.json under $W/www/status/api/v2. Components not named are operational.
#   e.g. status_page major "Partial System Outage" "Conversations=major_outage" "Login=partial_outage"
status_page() {
  local indicator=$1 description=$2; shift 2
  local -A over=(); local kv
  for kv in "$@"; do over[${kv%%=*}]=${kv#*=}; done
  local dir=$W/www/status/api/v2 now comps="" i=0 name st
  mkdir -p "$dir"
  now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
  for name in "${STATUS_COMPONENTS[@]}"; do
    i=$((i + 1)); st=${over[$name]:-operational}
    comps+="${comps:+,}{\"id\":\"lab-$i\",\"name\":\"$name\",\"status\":\"$st\",\"created_at\":\"2024-01-01T00:00:00.000Z\",\"updated_at\":\"$now\",\"position\":$i,\"description\":null,\"showcase\":true,\"start_date\":null,\"group_id\":null,\"page_id\":\"lab\",\"group\":false,\"only_show_if_degraded\":false}"
  done
  local page="{\"id\":\"lab\",\"name\":\"OpenAI\",\"url\":\"https://status.openai.com\",\"time_zone\":\"Etc/UTC\",\"updated_at\":\"$now\"}"
  local status="{\"indicator\":\"$indicator\",\"description\":\"$description\"}"
  local incidents=${STATUS_INCIDENTS_JSON:-[]}
  printf '{"page":%s,"status":%s}\n' "$page" "$status" >"$dir/status.json"
  printf '{"page":%s,"components":[%s],"incidents":%s,"scheduled_maintenances":[],"status":%s}\n' \
    "$page" "$comps" "$incidents" "$status" >"$dir/summary.json"
  printf '{"page":%s,"components":[%s]}\n' "$page" "$comps" >"$dir/components.json"
  printf '{"page":%s,"incidents":%s}\n' "$page" "$incidents" >"$dir/incidents.json"
}

# Default status page, written by the world before `configure` (a scenario calls status_page again to change it).
status_page_default() { status_page none "All Systems Operational"; }
