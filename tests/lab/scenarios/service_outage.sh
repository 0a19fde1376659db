# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# Everything below HTTP works; api.openai.com/v1/models answers OpenAI's own 500 JSON (with x-request-id), and
# the status page confirms it: indicator major, "Chat Completions" (group "API") in major_outage and an
# unresolved incident naming it. Unlike service_errors, the status page knows: service_outage.
DESCRIPTION="API /v1/models 500 JSON; status page: major, API/Chat Completions major_outage, open incident"
EXPECT_LAYER=service EXPECT_CAUSE=service_outage EXPECT_EXIT=5

OUTAGE_INCIDENT="Elevated error rates on the API"

configure() {
  # Statuspage documents in their own format (group entries carry group:true; members point at them).
  local dir=$W/www/status/api/v2 now started
  now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
  started=$(date -u -d '-25 minutes' +%Y-%m-%dT%H:%M:%S.000Z)
  mkdir -p "$dir"
  local page="{\"id\":\"lab\",\"name\":\"OpenAI\",\"url\":\"https://status.openai.com\",\"time_zone\":\"Etc/UTC\",\"updated_at\":\"$now\"}"
  local status='{"indicator":"major","description":"Partial System Outage"}'
  local comps
  comps='{"id":"g","name":"API","status":"operational","group":true,"group_id":null,"position":1,"components":["c","r"]}'
  comps+=',{"id":"c","name":"Chat Completions","status":"major_outage","group":false,"group_id":"g","position":2}'
  comps+=',{"id":"r","name":"Responses","status":"operational","group":false,"group_id":"g","position":3}'
  comps+=',{"id":"h","name":"ChatGPT","status":"operational","group":true,"group_id":null,"position":4,"components":["v"]}'
  comps+=',{"id":"v","name":"Conversations","status":"operational","group":false,"group_id":"h","position":5}'
  local incident="{\"id\":\"inc-lab-1\",\"name\":\"$OUTAGE_INCIDENT\",\"status\":\"investigating\",\"impact\":\"major\",\"created_at\":\"$started\",\"updated_at\":\"$now\",\"started_at\":\"$started\",\"resolved_at\":null,\"shortlink\":\"https://stspg.io/lab\",\"incident_updates\":[{\"id\":\"upd-lab-1\",\"status\":\"investigating\",\"body\":\"We are investigating.\",\"created_at\":\"$now\",\"updated_at\":\"$now\"}],\"components\":[{\"id\":\"c\",\"name\":\"Chat Completions\",\"status\":\"major_outage\"}]}"
  printf '{"page":%s,"status":%s}\n' "$page" "$status" >"$dir/status.json"
  printf '{"page":%s,"components":[%s],"incidents":[%s],"scheduled_maintenances":[],"status":%s}\n' \
    "$page" "$comps" "$incident" "$status" >"$dir/summary.json"
  printf '{"page":%s,"components":[%s]}\n' "$page" "$comps" >"$dir/components.json"
  printf '{"page":%s,"incidents":[%s]}\n' "$page" "$incident" >"$dir/incidents.json"
}

# shellcheck disable=SC2016  # $request_method, $uri: nginx variables, expanded by nginx
site_api() {
  cat <<EOS
    more_set_headers 'x-request-id: \$oai_request_id' 'openai-processing-ms: 27' 'strict-transport-security: max-age=31536000; includeSubDomains; preload' 'x-content-type-options: nosniff';
    location = /v1/models {
        default_type application/json;
        return 500 $(ngx_q "$(oai_error_json 'The server had an error while processing your request.' server_error)");
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
  local name indicator
  name=$(json_get "$1" '.status_page.incidents[0].name')
  indicator=$(json_get "$1" .status_page.indicator)
  [[ $name == "$OUTAGE_INCIDENT" ]] || { VERIFY_MSG=".status_page.incidents[0].name is '$name'"; return 1; }
  [[ $indicator == major ]] || { VERIFY_MSG=".status_page.indicator is '$indicator', expected 'major'"; return 1; }
}
