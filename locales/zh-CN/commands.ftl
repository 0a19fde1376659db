# chatgpt-doctor — 简体中文。分阶段命令、watch、report。
#
# 每个 id 以 cmd- 开头。代码、参数、主机名和地址作为变量传入，不翻译。耗时已格式化好（“12 ms”、
# “1.5 s”）：表格和测量值里的 ms、s 保持原样；句子里的时间跨度用“秒”“分”“小时”。

## 通用

cmd-failed = 失败
cmd-no-address = 没有地址
cmd-none = 无
cmd-quiet-line = { $subject }：{ $result }
cmd-failure = { $failure }（{ $code }）
cmd-failure-detail = { $failure }（{ $code }）：{ $detail }
cmd-failed-after = { $failure }，耗时 { $duration }
cmd-no-address-in-family = 允许的地址族（-4/-6）中没有地址
cmd-separator-strong = ；

## 时间跨度（watch）

cmd-span-ms = { $ms } 毫秒
cmd-span-seconds = { $s } 秒
cmd-span-minutes = { $m } 分 { $s } 秒
cmd-span-hours = { $h } 小时 { $m } 分

## dns

cmd-dns-source-pinned = 由 --resolve 指定
cmd-dns-source-system = 系统解析器
cmd-dns-source-system-at = 系统解析器 { $servers }
cmd-dns-source-server = 指定的解析器
cmd-dns-source-server-at = 解析器 { $servers }
cmd-dns-head = { $query }（{ $source }），耗时 { $duration }
cmd-dns-ttl = TTL { $ttl }
cmd-dns-line-source = （{ $source }）
cmd-dns-detail-pinned = 由 --resolve 指定：{ $addresses }
cmd-dns-detail-literal = --connect-to 指定了 { $addresses }

## tcp

cmd-tcp-connected = 已连接到 { $address }，耗时 { $duration }
cmd-tcp-quiet-connected = 已连接
cmd-tcp-tried-first = 先尝试了 { $address }：{ $failure }
cmd-tcp-detail-connected = 已连接到 { $address }

## tls

cmd-tls-head-sni = { $target }（SNI { $sni }）
cmd-tls-head-no-sni = { $target }（目标是 IP 地址，不发送 SNI）
cmd-tls-ok = { $version }，ALPN { $alpn }，{ $cipher }，耗时 { $duration }
cmd-tls-failed-completed = { $failure }（握手已完成：{ $version }，ALPN { $alpn }），耗时 { $duration }
cmd-tls-alpn-none = 无
cmd-tls-label-chain = 证书链
cmd-tls-label-system-store = 系统证书库
cmd-tls-label-public-store = 公共证书库
cmd-tls-label-sni-test = SNI 测试
cmd-tls-label-browser = 浏览器式握手
cmd-tls-browser-ok = 浏览器式握手消息（{ $bytes } 字节，提供 X25519MLKEM768）在 { $duration } 内得到应答：服务器选择了 { $group }（小型握手：{ $small }）
cmd-tls-browser-failed = 浏览器式握手消息（提供 X25519MLKEM768，超过 1.5 KB）失败：{ $failure }，用时 { $duration } —— 浏览器在这里连不上，而本工具的小型握手可以
cmd-tls-cert-issuer = 签发者 { $issuer } · { $not_before } → { $not_after }
cmd-tls-cert-issuer-san = 签发者 { $issuer } · { $not_before } → { $not_after } · SAN { $san }
cmd-tls-store-trusted = 受信任
cmd-tls-store-rejected = 被拒绝：{ $reason }
cmd-tls-store-not-checked = 未检查
cmd-tls-detail = { $version } { $alpn }
cmd-tls-detail-issued = { $version } { $alpn }，由 { $issuer } 签发
cmd-tls-no-alpn = 无 ALPN

## SNI 测试

cmd-sni-completed = 使用诱饵 SNI { $decoy } 时握手成功（{ $version }），耗时 { $duration }
cmd-sni-failed = 使用诱饵 SNI { $decoy } 时：{ $failure }
cmd-sni-tcp-failed = TCP：{ $message }
cmd-sni-no-longer-accepts = { $peer } 已不再接受连接，与名称无关：该地址被封锁或已停止服务。
cmd-sni-detail-completed = 握手已完成（{ $version }）
cmd-sni-detail-completed-error = 握手已完成（{ $version }）；这里证书无关紧要：{ $message }
cmd-sni-conclusion-filtered = 使用诱饵名称 { $decoy } 时，与 { $peer } 的握手成功；使用 { $host } 时却失败（{ $failure }）：路径上有设备按名称 { $host } 进行过滤（SNI 过滤），而不是封锁地址。
cmd-sni-conclusion-blocked = 诱饵名称 { $decoy } 在 { $peer } 上同样失败：被封锁或停止服务的是这个地址本身，而不只是名称。
cmd-sni-conclusion-answered = { $peer } 上的 TLS 服务器回应了诱饵名称 { $decoy }（返回错误，服务器对不由它提供服务的名称通常如此），而 { $host } 的连接被切断（{ $failure }）：这表明存在 SNI 过滤。

## http（httpstat 式图表的标签）

cmd-http-quiet-status = { $status }，耗时 { $duration }
cmd-http-body-cut = （正文在 { $bytes } 字节处截断）
cmd-http-attempt-failed = { $stage }：{ $failure }（{ $message }）
cmd-http-not-reached = 未到达
cmd-chart-dns = DNS 解析
cmd-chart-tcp = TCP 连接
cmd-chart-tls = TLS 握手
cmd-chart-server = 服务器处理
cmd-chart-transfer = 内容传输
cmd-chart-namelookup = 解析完成：
cmd-chart-connect = 连接完成：
cmd-chart-pretransfer = 握手完成：
cmd-chart-starttransfer = 首字节：
cmd-chart-total = 总计：

## endpoints

cmd-endpoints-surface = 入口
cmd-endpoints-target = 目标
cmd-endpoints-url = URL
cmd-probe-web-trace = GET /cdn-cgi/trace：边缘节点自己的 trace（它看到的你的地址、国家或地区、TLS 和 HTTP 版本）
cmd-probe-web = GET /：Cloudflare 边缘节点应答（对非浏览器出现质询页面属于正常）
cmd-probe-app = GET { $path }：客户端应用的状态接口应答
cmd-probe-api-region = GET { $path }：地区探测（OpenAI 在你所在的国家或地区提供服务时返回 JSON，否则返回“不支持的国家”错误）
cmd-probe-api-models = 不带密钥 GET { $path }：带 x-request-id 的 401 JSON 应答证明已到达 OpenAI 的源站
cmd-probe-api = GET { $path }：OpenAI 的 API 应答
cmd-probe-auth = GET /：登录服务应答
cmd-probe-assets = GET /：静态资源 CDN 应答
cmd-probe-status = GET { $path }：OpenAI 的状态页（Statuspage JSON）
cmd-probe-control-ip = 任何应答均可：按地址访问的中立网站，不依赖 DNS
cmd-probe-control = 任何应答均可：与 OpenAI 无关的中立网站

## watch

cmd-watch-next = { $span }后再次检查
cmd-watch-last = 最后一次检查
cmd-watch-unchanged = 第 { $run } 次检查：仍是 { $code }（{ $next }）
cmd-watch-was = （此前为 { $code }，持续 { $span }）
cmd-watch-notify-warning = chatgpt-doctor：警告：--notify-command：{ $problem }
cmd-notify-cannot-start = 无法启动：{ $error }
cmd-notify-exited = 退出状态：{ $status }
cmd-notify-timeout = 运行 { $seconds } 秒后仍未结束：已终止

## report：写完文件后的提示

cmd-report-verdict-label = 结论：
cmd-report-verdict = { $label }{ $summary } { $code }
cmd-report-wrote = 已写入 { $markdown } 和 { $json }。
cmd-report-anonymized = 已移除机密信息；你的公网地址、私有地址、解析器地址和本地名称已替换为占位符。
cmd-report-secrets-removed = 已移除机密信息。加上 --anonymize 还会替换你的公网地址、私有地址、解析器地址和本地名称。

## report：按类别列出移除的内容

cmd-redaction-variable = { $name } 的值
cmd-redaction-proxy-credentials = 代理凭据
cmd-redaction-api-keys = API 密钥（sk-…）
cmd-redaction-public-address = 公网地址
cmd-redaction-resolver-addresses = 系统解析器地址
cmd-redaction-hostname = 主机名
cmd-redaction-user = 你的主目录（写作 ~）和用户名
cmd-redaction-private-addresses = 私有地址
cmd-redaction-domains = 你所在网络的域名（搜索域、代理主机和 NO_PROXY 主机）

## report：Markdown

cmd-md-title = chatgpt-doctor 报告
cmd-md-made-by =
    由 { $tool } { $version } 于 { $generated } 生成（检查开始于 { $started }，耗时 { $duration }）。{ $anonymized ->
        [yes] 已移除机密信息并已匿名化：地址和本地名称已替换为 `[public-address]` 之类的占位符。
       *[no] 已移除机密信息（API 密钥、代理凭据）。
    }
cmd-md-verdict = 结论
cmd-md-code = 代码 { $code } · 退出码 { $exit }
cmd-md-surfaces = 正常的入口：{ $working } · 失败的入口：{ $failing }
cmd-md-evidence = 证据：
cmd-md-advice = 建议：
cmd-md-warnings = 警告：
cmd-md-layers = 各层
cmd-md-col-layer = 层
cmd-md-col-status = 状态
cmd-md-col-summary = 摘要
cmd-md-status-ok = ✓ 正常
cmd-md-status-warn = ! 警告
cmd-md-status-fail = ✗ 故障
cmd-md-status-not-checked = · 未检查
cmd-md-targets = 目标
cmd-md-targets-note = 各阶段耗时；✗ 表示失败的阶段，— 表示未运行的阶段。
cmd-md-col-surface = 入口
cmd-md-col-target = 目标
cmd-md-col-family = 地址族
cmd-md-col-result = 结果
cmd-md-result-failed = { $stage }：{ $failure }
cmd-md-failures = 失败详情：
cmd-md-failure =
    { $family ->
        [none] { $target } 的 { $stage }
       *[other] { $target }（{ $family }）的 { $stage }
    }{ $address ->
        [none] {""}
       *[other] （连接 { $address }）
    }：{ $failure } — { $detail }
cmd-md-views = 应用解析到的地址
cmd-md-views-note = 每个 OpenAI 域名分别由操作系统解析器（应用所用，包括 hosts 文件）、配置的 DNS 服务器和 DNS-over-HTTPS 对照解析器给出的应答。应答不同是需要权衡的证据，而不是故障：能以该域名完成经过验证的握手的地址就是真实的。
cmd-md-col-name = 域名
cmd-md-col-os = 应用（操作系统解析器）
cmd-md-col-configured = DNS 服务器
cmd-md-col-doh = DNS-over-HTTPS
cmd-md-col-agree = 一致
# $lines：行号，已连接好。
cmd-md-view-from-hosts = （来自 { $file } 第 { $lines } 行）
cmd-md-status-page = 状态页
cmd-md-status-reachable = { $description }（状态指示 { $indicator }）— { $url }
cmd-md-no-description = 无描述
cmd-md-status-unreadable = 无法读取（{ $url }）。
cmd-md-status-not-checked-run = 本次未检查。
cmd-md-environment = 环境
cmd-md-env-os = 操作系统
cmd-md-env-kernel = 内核 { $kernel }
cmd-md-env-hostname = 主机名
cmd-md-env-system-resolver = 系统解析器
cmd-md-env-no-nameserver = 未配置域名服务器
cmd-md-env-search = { $servers }（搜索域 { $domains }）
cmd-md-env-resolver-used = 使用的解析器
cmd-md-env-families = 地址族
cmd-md-env-proxy = 代理
cmd-md-env-no-proxy = 未设置代理变量
cmd-md-env-credentials-removed = { $setting }（凭据已移除）
cmd-md-env-key-set = 已设置（不含其值）
cmd-md-env-key-not-set = 未设置
cmd-md-env-openai-variables = 其他 OpenAI 变量
cmd-md-env-values-not-included = { $names }（不含其值）
cmd-md-env-base-url = API 基础 URL
cmd-md-env-base-url-value = { $url }（{ $source }）
cmd-md-env-stores = 证书库
cmd-md-env-stores-value = 系统 { $system } 个根证书，公共 { $public } 个根证书
cmd-md-env-stores-cacert = 系统 { $system } 个根证书，公共 { $public } 个根证书，--cacert { $cacert }
cmd-md-env-timeouts = 超时
cmd-md-env-timeouts-value = 每个阶段 { $stage }，整次运行 { $run }
cmd-md-env-overrides = 覆盖设置
cmd-md-removed = 已移除或替换：{ $what }。
cmd-md-nothing = 无
cmd-md-json-note = 同目录下的 JSON 文件包含这份报告的完整内容（schema：`chatgpt-doctor schema support`）。

## serve（stderr；HTTP 应答是机器输出，保持原样）

cmd-serve-listening = chatgpt-doctor serve：正在监听 http://{ $address }/（/metrics、/probe?surface=…）
cmd-serve-all-surfaces = 全部入口
cmd-serve-round = chatgpt-doctor serve：{ $surfaces } 一轮检查：{ $code }，耗时 { $duration }
cmd-serve-error = chatgpt-doctor serve：错误：{ $error }
cmd-serve-accept-failed = chatgpt-doctor serve：接受连接失败：{ $error }
cmd-serve-stopped = chatgpt-doctor serve：已停止

## 错误

cmd-error-serialize = 无法序列化输出：{ $error }
cmd-error-serialize-report = 无法序列化报告：{ $error }
cmd-error-redacted-report = 内部错误：脱敏后的报告无法解析：{ $error }
cmd-error-write-file = 无法写入 { $path }：{ $error }
cmd-error-no-directory = 无法写入 { $path }：目录 { $directory } 不存在（不会自动创建）
cmd-error-create-dir = 无法创建 { $path }：{ $error }
cmd-error-man-render = 无法生成手册页：{ $error }
cmd-error-no-man-page = 没有“{ $page }”的手册页（现有：{ $pages }）
cmd-error-listen = 无法在 { $address } 上监听：{ $error }
cmd-error-signal = 无法监听 { $signal }：{ $error }

## 分阶段命令的参数值

cmd-arg-no-host = “{ $value }”中没有主机
cmd-arg-ip-not-name = “{ $value }”是 IP 地址：没有可解析的名称
cmd-arg-not-a-name = “{ $value }”不是主机名
cmd-arg-bad-port = “{ $value }”中的“{ $port }”不是端口号（1-65535）
cmd-arg-not-host-port = “{ $value }”不是 HOST[:PORT] 格式（IPv6 地址请写成 [ADDR]:PORT）
