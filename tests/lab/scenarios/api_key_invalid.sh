# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The binary runs with OPENAI_API_KEY set to a canary; api.openai.com/v1/models answers 401 invalid_api_key when
# an Authorization header comes with the request (and the usual "You didn't provide an API key" without one).
# Besides the verdict, the canary must appear nowhere in the binary's output, and only api.openai.com may
# receive it (nginx logs, per request, whether an Authorization header came and whether it was the canary).
DESCRIPTION="OPENAI_API_KEY=canary; API answers 401 invalid_api_key; key never printed"
EXPECT_LAYER=account EXPECT_CAUSE=api_key_invalid EXPECT_EXIT=6

CANARY=sk-lab-canary-0123456789abcdef
INVALID_KEY_MSG="Incorrect API key provided: sk-lab-c***************cdef. You can find your API key at https://platform.openai.com/account/api-keys."

configure() {
  BIN_ENV+=("OPENAI_API_KEY=$CANARY")
  # A second access log: host, request and what Authorization carried (never the value itself).
  NGINX_HTTP_EXTRA+=(
    "map \$http_authorization \$lab_auth { \"\" none; \"Bearer $CANARY\" canary; default other; }"
    "log_format lab_auth '\$host \$request_method \$request_uri auth=\$lab_auth';"
    "access_log $W/nginx/auth.log lab_auth;"
  )
}

# shellcheck disable=SC2016  # $request_method, $uri: nginx variables, expanded by nginx
site_api() {
  cat <<EOS
    more_set_headers 'x-request-id: \$oai_request_id' 'strict-transport-security: max-age=31536000; includeSubDomains; preload' 'x-content-type-options: nosniff';
    location = /v1/models {
        default_type 'application/json; charset=utf-8';
        more_set_headers 'www-authenticate: Bearer realm="OpenAI API"';
        if (\$http_authorization) {
            return 401 $(ngx_q "$(oai_error_json "$INVALID_KEY_MSG" invalid_request_error invalid_api_key)");
        }
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

verify() {
  local f status msg
  for f in "$W/stdout.json" "$W/stderr.txt"; do
    if grep -qF -- "$CANARY" "$f"; then VERIFY_MSG="the API key appears in $(basename "$f")"; return 1; fi
  done
  status=$(json_get "$1" .account.status)
  [[ $status == invalid ]] || { VERIFY_MSG=".account.status is '$status', expected 'invalid'"; return 1; }
  msg=$(json_get "$1" .account.message)
  [[ $msg == *"Incorrect API key provided"* ]] \
    || { VERIFY_MSG=".account.message is not the with-key answer (was the key sent?): '$msg'"; return 1; }
  # The key went to api.openai.com's /v1/models, and nowhere else.
  local log=$W/nginx/auth.log sent='api\.openai\.com [A-Z]+ /v1/models auth=canary' elsewhere
  grep -qEx "$sent" "$log" \
    || { VERIFY_MSG="nginx saw no request to api.openai.com/v1/models carrying the key"; return 1; }
  elsewhere=$(grep -v ' auth=none$' "$log" | grep -vEx "$sent" | head -n 3 | tr '\n' ';' || true)
  [[ -z $elsewhere ]] || { VERIFY_MSG="an Authorization header went elsewhere: $elsewhere"; return 1; }
}
