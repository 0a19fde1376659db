# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# Everything below HTTP works; api.openai.com answers OpenAI's own region block (403 JSON with x-request-id) on
# /v1/models and on the region probe /compliance/cookie_requirements, and the edge's /cdn-cgi/trace places this
# client in a country OpenAI does not serve. This is OpenAI refusing the country, not censorship.
DESCRIPTION="API answers 403 unsupported_country_region_territory; /cdn-cgi/trace says loc=RU"
EXPECT_LAYER=path EXPECT_CAUSE=region_blocked EXPECT_EXIT=4

REGION_LOC=RU
REGION_JSON='{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}'

configure() {
  TRACE_LOC=$REGION_LOC
}

# shellcheck disable=SC2016  # $request_method, $uri: nginx variables, expanded by nginx
site_api() {
  cat <<EOS
    more_set_headers 'x-request-id: \$oai_request_id' 'openai-processing-ms: 4' 'strict-transport-security: max-age=31536000; includeSubDomains; preload' 'x-content-type-options: nosniff';
    location = /v1/models {
        default_type application/json;
        return 403 $(ngx_q "$REGION_JSON");
    }
    location = /compliance/cookie_requirements {
        default_type application/json;
        return 403 $(ngx_q "$REGION_JSON");
    }
    location / {
        default_type 'application/json; charset=utf-8';
        return 404 $(ngx_q "$(oai_error_json 'Invalid URL ($request_method $uri)' invalid_request_error)");
    }
EOS
}

verify() {
  local loc
  loc=$(json_get "$1" .edge_trace.loc)
  [[ $loc == "$REGION_LOC" ]] || { VERIFY_MSG=".edge_trace.loc is '$loc', expected '$REGION_LOC'"; return 1; }
}
