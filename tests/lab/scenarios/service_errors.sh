# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# Everything below HTTP works; chatgpt.com's edge answers 522 (origin timed out) and the API answers OpenAI's own
# 500 JSON. The status page says all is operational, so this is service_errors, not service_outage.
DESCRIPTION="edge 522 HTML on chatgpt.com, OpenAI 500 JSON on the API; status page operational"
EXPECT_LAYER=service EXPECT_CAUSE=service_errors EXPECT_EXIT=5

# chatgpt.com: the edge's own /cdn-cgi/trace still answers (it never reaches the origin); pages get 522.
site_chatgpt() {
  cat <<EOS
    location = /cdn-cgi/trace {
        default_type text/plain;
        return 200 $(ngx_q "$(trace_txt)
");
    }
    location / {
        default_type 'text/html; charset=UTF-8';
        more_set_headers 'cf-error-type: 5xx' 'cache-control: private, max-age=0, no-store, no-cache, must-revalidate' 'referrer-policy: same-origin' 'x-frame-options: SAMEORIGIN';
        return 522 $(ngx_q "$(cf_error_html 522 'Connection timed out')");
    }
EOS
}

# api.openai.com: the origin answers, with OpenAI's 500.
site_api() {
  cat <<EOS
    more_set_headers 'x-request-id: \$oai_request_id' 'openai-processing-ms: 31' 'strict-transport-security: max-age=31536000; includeSubDomains; preload';
    location / {
        default_type 'application/json; charset=utf-8';
        return 500 $(ngx_q "$(oai_error_json 'The server had an error while processing your request. Sorry about that!' server_error)");
    }
EOS
}
