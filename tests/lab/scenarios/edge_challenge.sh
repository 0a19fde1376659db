# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# Everything below HTTP works; api.openai.com answers every path with Cloudflare's managed challenge (403,
# cf-mitigated: challenge, "Just a moment...", no x-request-id: the edge answered, not OpenAI). An API client
# cannot solve a challenge, so this is a fault — unlike the same challenge on chatgpt.com's pages, which every
# non-browser gets on a good day (the default world serves it there too).
DESCRIPTION="API answers Cloudflare's challenge (403 cf-mitigated) on every path"
EXPECT_LAYER=path EXPECT_CAUSE=edge_challenge EXPECT_EXIT=4

site_api() {
  cat <<EOS
    location / {
        default_type 'text/html; charset=UTF-8';
        more_set_headers 'cf-mitigated: challenge' 'cache-control: private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0' 'cross-origin-opener-policy: same-origin' 'x-frame-options: SAMEORIGIN';
        return 403 $(ngx_q "$(challenge_html)");
    }
EOS
}
