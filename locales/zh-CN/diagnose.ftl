# chatgpt-doctor — 简体中文。诊断的文字：结论摘要、证据、发现。
#
# 参数是原始数据：主机名和目标名、地址、数字、代码（如 connection_reset 这类失败代码、如 expired
# 这类证书问题代码）、系统/网络/OpenAI 返回的原始消息、代理 URL 及其来源（HTTPS_PROXY、--proxy）。
# 名称列表已经连接好（{ $targets }、{ $names }：“a、b 和 c”）。

## 共用片段

# 同一行内各分句之间的分隔符。
diag-clause-separator = {"；"}
# 没有人报告的值（地址、位置、时间）。
diag-unknown-value = ?
diag-duration-ms = { $ms } 毫秒
# 主机及其证书问题代码：“chatgpt.com（expired）”。
diag-host-problem = { $host }（{ $problem }）

## 目标停在了哪一步（$stage 为 dns、tcp、tls 或 http；$failure 是失败的文字说明，$code 是其代码，
## $message 是系统或服务器的原话）

diag-stop-failed = { $target }：{ $stage } 阶段失败，{ $failure }（{ $code }）：{ $message }
diag-stop-deadline = { $target }：在运行时限之前没有完成
diag-stop-proxy-unreachable = { $target }：无法连接到代理，{ $failure }（{ $code }）：{ $message }
diag-stop-proxy = { $target }：经由代理时，{ $failure }（{ $code }）：{ $message }
diag-stop-failed-bare = { $target }：{ $stage } 阶段失败，{ $failure }（{ $code }）
diag-stop-proxy-unreachable-bare = { $target }：无法连接到代理，{ $failure }（{ $code }）
diag-stop-proxy-bare = { $target }：经由代理时，{ $failure }（{ $code }）
# $detail：请求未发送的原因，或对 HTTP 响应的描述。
diag-stop-detail = { $target }：{ $detail }
diag-stop-answered = { $target }：已响应

## machine（本机）

diag-machine-ok = 这台电脑上没有发现问题
# $proxy：代理 URL（不含凭据）；$source：它来自哪项设置（HTTPS_PROXY、--proxy 等）。
diag-proxy-unreachable-summary = 这台电脑设置使用的代理 { $proxy }（来自 { $source }）无法连接。
diag-proxy-unreachable-summary-unnamed = 这台电脑设置使用的代理无法连接。
# $direction：ahead（快）或 behind（慢）；$started：本地时间（RFC 3339）。
diag-evidence-clock-skew = 这台电脑的时钟比服务器{ $direction ->
        [ahead] 快
       *[behind] 慢
    } { $seconds } 秒（取 { $samples } 个 Date 响应头的中位数；运行开始时的本地时间为 { $started }）
# $hosts：“主机（问题）”，已连接好。
diag-evidence-cert-dates = 因日期不对而被拒绝的证书：{ $hosts }
diag-evidence-no-server-clock = 没有读到任何服务器的时钟可供比较；运行开始时的本地时间为 { $started }
diag-clock-skew-summary = 这台电脑的时钟不准，导致有效的证书看起来已过期或尚未生效。
diag-clock-suspect-summary = 多个互不相关的网站的证书都显示已过期或尚未生效：很可能是这台电脑的时钟不准。
# $file：hosts 文件；$names：被这些行改写的 OpenAI 域名。
diag-hosts-override-summary = hosts 文件（{ $file }）把 { $names } 指向了不属于 OpenAI 的地址：应用无法访问它们。
# $file 和 $line：那一行的位置；$address：它给应用的地址；$reason：这个地址为什么不提供该域名的服务。
diag-evidence-hosts-entry = { $file } 第 { $line } 行让应用把 { $name } 解析为 { $address }：{ $reason }
diag-hosts-reason-unspecified = { $address } 不是任何服务器的地址（拦截列表用它让域名无法访问）
diag-hosts-reason-loopback = { $address } 是这台电脑自己，而不是 OpenAI 的服务器
diag-hosts-reason-wrong-certificate = { $address } 上的服务器出示的不是 { $name } 的证书（{ $code }）
# $addresses：以空格分隔。
diag-evidence-hosts-dns-answer = DNS 本身对 { $name } 的应答是 { $addresses }

## local network（本地网络）

diag-local-no-controls = 没有探测任何对照目标
# 一个对照目标及其连接耗时。
diag-control-time = { $target } { $ms } 毫秒
# $details：有响应的对照目标及其耗时，已连接好。
diag-local-ok = { $total } 个对照目标中有 { $answered } 个有响应（{ $details }）
diag-no-name-no-address-summary = 没有任何域名能解析，也没有任何对照目标能通过 IP 地址连上，因此无法判断是解析器故障还是整个网络不通。
diag-offline-summary = 这台电脑无法连接互联网：没有任何对照目标或 OpenAI 地址响应。
diag-evidence-reachable-by-address = 可以通过 IP 地址连上：{ $targets }
diag-dns-resolver-down-summary = 你的 DNS 解析器没有响应：所有域名都无法解析，但通过 IP 地址可以访问互联网。
diag-controls-failed = { $count } 个对照目标未连上：{ $targets }
diag-ipv6-unavailable = 这台电脑没有 IPv6 路由：IPv6 地址会立即失败，改用 IPv4
# $urls：探测的 URL；$browsers、$check："direct" 或 主机:端口；$decided：决定路线的设置。
diag-browser-route-differs = 浏览器和桌面应用{ $browsers ->
        [direct] 直接
       *[other] 经 { $browsers }
    }访问 { $urls }（由 { $decided } 决定），而本次检查{ $check ->
        [direct] 直连
       *[other] 经 { $check }
    }：结论针对与本次检查同路的程序
diag-pac-failed-summary = 浏览器和桌面应用所用的 PAC 文件（{ $location }）没有给出代理选择
diag-evidence-pac-failed = PAC 文件 { $location }：{ $reason }
diag-fake-ip = { $names } 解析到 TUN 代理的 fake-ip 地址（198.18.0.0/15）：通往 OpenAI 的路径是代理的上游
diag-fake-ip-tunnel = { $names } 解析到 TUN 代理（{ $tunnels }）的 fake-ip 地址（198.18.0.0/15）：通往 OpenAI 的路径是代理的上游
# $way："direct" 或 主机:端口；$source：决定路线的设置；$summary：该路线的结论。
diag-route-browsers = 浏览器和桌面应用（{ $way ->
        [direct] 直连
       *[other] 经 { $way }
    }，来自 { $source }）：{ $summary }
diag-route-terminal = 终端工具和 SDK（{ $way ->
        [direct] 直连
       *[other] 经 { $way }
    }，来自 { $source }）：{ $summary }
# $failing："browsers" 或 "terminal"；$way、$source：能用的那条路线。
diag-route-split-summary = { $failing ->
        [browsers] 浏览器和桌面应用不通
       *[terminal] 终端工具和 SDK 不通
    }：{ $summary }——{ $failing ->
        [browsers] 终端工具和 SDK 正常
       *[terminal] 浏览器和桌面应用正常
    }（{ $way ->
        [direct] 直连
       *[other] 经 { $way }
    }，来自 { $source }）
diag-route-both-summary = { $failing ->
        [browsers] 浏览器和桌面应用先出问题
       *[terminal] 终端工具和 SDK 先出问题
    }：{ $summary }
diag-route-advice-use-proxy = 终端工具和 SDK 可以走浏览器的路线：设置 HTTPS_PROXY=http://{ $proxy }（Windows PowerShell：$env:HTTPS_PROXY = "http://{ $proxy }"）；Node.js 还需要 NODE_USE_ENV_PROXY=1。
diag-evidence-proxy = 代理：{ $proxy }（来自 { $source }）
# $challenge：代理的 Proxy-Authenticate 响应头原文。
diag-evidence-proxy-asks = 它要求的认证方式：{ $challenge }
# $excerpt：代理错误页面的开头部分原文。
diag-evidence-proxy-page = 它的页面内容：{ $excerpt }
diag-proxy-auth-rejected-summary = 代理拒绝了提供给它的凭据（407 Proxy Authentication Required）。
diag-proxy-auth-missing-summary = 代理要求提供凭据，但没有配置任何凭据（407 Proxy Authentication Required）。
diag-evidence-control-through-proxy = 对照目标 { $target } 通过同一个代理顺利连上
diag-proxy-denied-summary = 你所在网络的代理拒绝连接 OpenAI：{ $targets }。
diag-captive-portal-summary = 网络被强制登录页面（captive portal，常见于酒店、火车和机场）挡住了：请先登录这个网络。
# $sign：下面某条 diag-portal-* 消息。
diag-evidence-captive-portal = 强制登录页面检测 { $target }：{ $sign }
diag-portal-redirected = 被重定向（{ $status }）到 { $location }
diag-portal-redirected-unnamed = 被重定向（{ $status }）到一个未指明的地址
diag-portal-wrong-status = 返回了 { $status }，而不是 { $expected }
diag-portal-foreign-content = 返回的页面中没有“{ $token }”（内容不是原网站的）
# $problem：公共证书库给出的证书问题代码；没有代码时为 "rejected"。
diag-evidence-intercepted = { $target }：证书链的顶端是 { $issuer }，这台电脑的证书库信任它，但公共证书库不信任（{ $problem ->
        [rejected] 被拒绝
       *[other] { $problem }
    }）
diag-evidence-more-connections = 另外还有 { $count } 个连接
# $issuers：拦截所用证书的颁发者，已连接好。
diag-tls-intercepted-summary = 这个网络上的 HTTPS 被拦截解密了（拦截方：{ $issuers }）：浏览器通过这台电脑的证书库信任它，但自带 CA 证书包的工具会拒绝它。
diag-network-slow-summary = 你的网络很慢：不只是 OpenAI，所有网站都要很久才响应。
# $controls 和 $openai：diag-duration-ms 或 diag-unknown-value；$factor：慢了多少倍。
diag-evidence-setup-times = 建立连接（tcp + tls）耗时的中位数：对照目标 { $controls }，OpenAI { $openai }（超过 { $slow_ms } 毫秒算慢；OpenAI 达到对照目标的 { $factor } 倍时算作只有 OpenAI 慢）

## path（路径）

diag-path-no-service = 没有探测任何 OpenAI 服务
diag-path-ok = { $total } 个 OpenAI 端点中有 { $reached } 个通过 TLS 连上
diag-path-not-assessed = 未评估：本地网络先出了问题
diag-path-not-assessed-machine = 未评估：这台电脑先出了问题
diag-dns-tampered-summary = 你的 DNS 对 OpenAI 域名返回的结果是伪造的：与独立的 DNS-over-HTTPS 解析器给出的结果不同，而且无法证明这些地址在为这些域名提供服务：{ $names }。
diag-evidence-control-resolved = 对照目标 { $target } 解析正常
diag-dns-blocked-summary = OpenAI 的域名无法解析，而其他域名可以：{ $names }（DNS 封锁）。
diag-dns-inconclusive-summary = OpenAI 的域名无法解析，但没有探测任何带域名的对照目标，无法判断是被封锁还是解析器故障。
diag-evidence-control-connected = 对照目标 { $target } 接受了连接
diag-tcp-blocked-summary = 连接 OpenAI 失败，而其他网站可以连上：{ $targets }。
diag-tcp-inconclusive-summary = 连接 OpenAI 失败，但也没有任何对照目标连上，无法证明网络本身是通的。
# $decoy：代替 OpenAI 域名发送的无害名称。
diag-evidence-decoy-completed = 同一地址在改用 { $decoy } 作为名称时完成了 TLS 握手
diag-sni-filtered-summary = 你和 OpenAI 之间有过滤设备，会切断指明 OpenAI 网站名称的 TLS 连接（SNI 过滤）：{ $targets }。
diag-evidence-decoy-died = 在同一地址用 { $decoy } 作为名称握手，也以同样的方式中断了
diag-tls-stalled-summary = 无论发送什么名称，到 OpenAI 地址的 TLS 都在第一条消息之后卡住：这些地址被过滤了，或者路径上有 MTU 黑洞丢弃了大数据包：{ $targets }。
# $names：证书所属的名称（或其主体）；$issuer：颁发者。
diag-evidence-chain = { $target } 出示的证书属于 { $names }，由 { $issuer } 颁发
diag-evidence-control-tls-ok = 对照目标 { $target } 用受信任的证书完成了 TLS
diag-tls-failed-summary = 到 OpenAI 的安全连接失败，而其他网站的安全连接成功：{ $targets }。
diag-tls-everywhere-summary = OpenAI 和对照目标的 TLS 都失败了：这台电脑或网络上有东西在干扰所有安全连接，或者证书库坏了。
diag-tls-inconclusive-summary = 到 OpenAI 的 TLS 失败，但没有任何 https:// 对照目标连上，无法判断是路径被封锁，还是所有安全连接都有问题。
# $message：OpenAI 错误信息的原文。
diag-evidence-target-said = { $target }：“{ $message }”
# $location：OpenAI 边缘节点报告的国家或地区代码（DE、RU 等）。
diag-evidence-edge-location = OpenAI 的边缘节点认为这个连接来自 { $location }
diag-region-blocked-summary = OpenAI 不向这个连接所在的国家或地区（{ $location }）提供服务：{ $targets }。
diag-region-blocked-summary-unlocated = OpenAI 不向这个连接所在的国家或地区提供服务：{ $targets }。
# $warp：边缘节点报告的 on、off 或 plus。
diag-evidence-edge-sees = 边缘节点看到这个客户端的地址是 { $ip }，位于 { $location }（WARP { $warp }）
diag-edge-challenge-summary = OpenAI 的边缘节点拒绝了这个连接，或要求完成应用无法应对的验证：{ $targets }。
diag-ipv6-broken-summary = 到 OpenAI 的 IPv6 不通，而 IPv4 正常：{ $targets }。优先尝试 IPv6 的应用会卡住或失败。
diag-evidence-ipv6-broken = { $target }：IPv4 有响应，IPv6 失败，{ $failure }（{ $code }）
# $stop：一条 diag-stop-* 消息。
diag-status-page-unreachable = { $stop }（这反映的是网络状况，与 OpenAI 无关）
diag-path-slow-summary = 到 OpenAI 的路径很慢，而其他网站很快。

## path：DNS 结果与 DNS-over-HTTPS 对照解析器的比较

# $resolvers：对照解析器（DoH URL），已连接好。
diag-dns-blocked-evidence = { $name }：系统解析器没有返回地址（{ $code }），而 { $resolvers } 能解析它
# $reasons：diag-reason-* 短语，用 diag-clause-separator 连接。
diag-dns-address-forged = { $name } → { $address } 看起来是伪造的：{ $reasons }
diag-dns-address-unconfirmed = { $name } → { $address } 无法确认：{ $reasons }
diag-reason-same-as-control = { $resolver } 也返回了这个地址
diag-reason-proven-by-tls = 以 SNI { $name } 进行 TLS 握手时，它出示了受公共信任的证书
# $answers：每个对照解析器的 diag-control-answer-*，已连接好。
diag-reason-differs-from-controls = 没有任何对照解析器返回这个地址（{ $answers }）
diag-control-answer-addresses = { $resolver }：{ $addresses }
diag-control-answer-none = { $resolver }：没有地址
diag-control-answer-failed = { $resolver }：{ $code }
diag-reason-no-control-answer = 没有任何对照解析器响应，无从比较
diag-reason-wrong-certificate = 以 SNI { $name } 进行 TLS 握手时，出示的证书链不被公共证书库接受为 { $name } 的证书（{ $code }：{ $failure }）
diag-reason-handshake-failed = 以 SNI { $name } 进行的 TLS 握手没有完成（{ $code }）
diag-reason-not-probed = 没有尝试以 SNI { $name } 进行 TLS 握手
diag-reason-bogon = 这是私有或保留地址
diag-reason-teredo = 这是 Teredo 地址（2001::/32），伪造的 AAAA 结果常是这种地址
diag-reason-outside-edge-ranges = 不在预期的边缘节点地址范围内

## service（服务）

diag-service-ok = { $total } 个 OpenAI 端点中有 { $answered } 个有响应且没有服务器错误
diag-service-not-reached = 未到达
diag-evidence-status-page-unread = 状态页：无法读取（无法确认是否有故障）
diag-maintenance-summary = OpenAI 正在维护，返回错误：{ $targets }。
diag-service-outage-summary = OpenAI 出现故障，状态页已确认：{ $count } 个端点返回错误（{ $targets }）。
diag-service-degraded-summary = OpenAI 的服务质量下降（状态页如此说明），返回错误：{ $targets }。
diag-service-errors-summary = OpenAI 的服务器返回错误：{ $targets }；到它们的网络路径是通的。
# $lines：diag-status-page-* 各行，用 diag-clause-separator 连接。
diag-status-page-trouble = 状态页报告了问题，不过这里所有端点都有响应：{ $lines }
# 状态页的内容；名称、状态和更新都是 OpenAI 的原话。
diag-status-page-overall = 状态页：{ $description }（{ $indicator }）
diag-status-page-no-description = 无描述
diag-status-page-no-indicator = 无状态指示
# $group：chatgpt、api 等；$status：组件状态代码（operational、major_outage 等）。
diag-status-page-component = 状态页：{ $component }（{ $group }）的状态为 { $status }
diag-status-page-incident = 状态页事件：{ $incident } [{ $status }]
diag-status-page-incident-update = 状态页事件：{ $incident } [{ $status }] — { $update }
diag-status-page-maintenance = 状态页显示正在维护：{ $maintenance }

## account（账户）

diag-account-no-key = 没有可检查的 API 密钥（请设置 OPENAI_API_KEY 或使用 --api-key-file）
# $source：密钥的来源（OPENAI_API_KEY、--api-key-file 的路径）。
diag-account-ok = 来自 { $source } 的 API 密钥有效
diag-account-ok-organization = 来自 { $source } 的 API 密钥有效（组织 { $organization }）
diag-api-key-missing-summary = 没有配置 API 密钥：OPENAI_API_KEY 未设置或为空，也没有指定 --api-key-file。
diag-evidence-key-not-set = OPENAI_API_KEY：未设置
# $reason：一条 diag-stop-* 消息，或密钥未发送的原因。
diag-key-not-checked = 没有检查 API 密钥：{ $reason }
diag-key-restricted = API 密钥有效但受限：需要其他权限的调用会失败
diag-key-restricted-scopes = API 密钥有效但受限（缺少权限范围：{ $scopes }）：需要其他权限的调用会失败
diag-api-key-invalid-summary = 来自 { $source } 的 API 密钥不被 API 接受（无效、已吊销，或属于另一个 base URL）。
diag-org-mismatch-summary = 这个 API 密钥不属于 OPENAI_ORG_ID 指定的组织。
diag-quota-exhausted-summary = 这个 API 密钥的额度已用完（账单问题）：充值之前请求都会失败，重试没有用。
diag-rate-limited-summary = 这个 API 密钥目前被限流。
# $headers：原样的限流响应头（“retry-after: 20”），已连接好。
diag-rate-limited-summary-headers = 这个 API 密钥目前被限流（{ $headers }）。
diag-key-unexpected-answer = 密钥检查收到了意外的响应：HTTP { $status }
diag-evidence-key-request = 带密钥请求 GET { $url }：HTTP { $status }
diag-evidence-api-said = API 返回：“{ $message }”
diag-evidence-request-id = x-request-id: { $id }

## 运行时限

diag-deadline-warning = 在运行时限（--max-time）之前没有完成：{ $targets }
diag-deadline-summary = 运行时限已到，仍有 OpenAI 端点没有响应。

## 结论

diag-healthy-summary = 从这里可以访问 ChatGPT：所有 OpenAI 端点都有响应，到它们的路径也正常。
diag-healthy-no-service-summary = 对照目标有响应；没有选择任何 OpenAI 服务。
# $summary：结论摘要；$surfaces：仍然可用的服务代码（web、app、api），已连接好。
diag-still-working = { $summary }仍可用：{ $surfaces }。

## 不是 OpenAI 的应答（evidence::origin）
diag-unexpected-answer-summary = 路径上有别的设备冒充 OpenAI 作了应答：{ $targets } 的应答缺少只有 OpenAI 才会发出的特征（可能是拦截页、拒绝访问页，或永远读不完的内容）。
diag-evidence-unexpected = { $target }：{ $status } —— { $lack }；OpenAI 的应答应是{ $expected }
diag-evidence-page-server = { $line }（页面“{ $title }”，服务器“{ $server }”）
diag-evidence-page = { $line }（页面“{ $title }”）
diag-evidence-server = { $line }（服务器“{ $server }”）
diag-evidence-control-answered = 对照目标 { $target } 应答正常
diag-evidence-same-page = 对照目标 { $control } 收到了与 { $target } 相同的页面（{ $status }）
diag-status-page-foreign = 状态页 { $target } 返回的不是它自己的文档（{ $lack }），其状态未知
lack-body_unfinished = 过了 { $ms } 毫秒内容仍在传输（已收到 { $bytes } 字节）：它在极慢地滴流或永远不会结束
lack-body_too_long = 内容超过了 { $bytes } 字节，而 OpenAI 的应答只有几百字节
lack-body_broken = 内容传到一半连接就断了（{ $bytes } 字节）
lack-redirect_off_site = 重定向到了 OpenAI 之外的地址：{ $host }
lack-unexpected_status = 返回了成功，而 OpenAI 会拒绝不带密钥的请求
lack-unexpected_body = 内容不是 OpenAI 的格式（内容类型 { $content_type }）
lack-no_request_id = 没有 x-request-id 响应头，而 OpenAI API 的每个应答都带有它
lack-no_edge_ray = 没有带数据中心代码的 cf-ray 响应头，而 OpenAI 边缘节点的每个应答都带有它
proof-api_models = 带 JSON 错误和 x-request-id 的 401
proof-api_key = 带 x-request-id 的 JSON
proof-api_region = 它的 JSON（cookie_consent_required）
proof-edge_trace = 它的 key=value 行（ip、colo、loc）
proof-app_edge = 它的 JSON（cf_details）
proof-web_page = 边缘节点的响应头（带数据中心代码的 cf-ray）以及验证页或网页
proof-status_json = 它的 JSON（status.indicator）
proof-unchecked = 任意内容

## 按形态和耗时判断的握手
diag-sni-throttled-summary = 写着 OpenAI 域名的连接在路上被拖慢了：它们的 TLS 握手超过 { $rtts } 个往返时间，而同一台服务器换个名字就很快（按域名限速）：{ $targets }。
diag-evidence-throttled = { $target }：TCP 连接 { $connect_ms } 毫秒，TLS 握手 { $handshake_ms } 毫秒（连接耗时的 { $ratio } 倍），首字节 { $first_byte } 毫秒；同一地址换用 { $decoy } 的握手：{ $decoy_ms } 毫秒
diag-evidence-control-handshake = 对照目标 { $target }：TCP 连接 { $connect_ms } 毫秒，TLS 握手 { $handshake_ms } 毫秒
diag-large-handshake-path-summary = 浏览器连不上 OpenAI：像浏览器那样的大型 TLS 握手消息（约 1.7 KB，含后量子密钥）在去往 { $targets } 的路上被丢弃，而本工具的小型握手能完成，对照目标也能接受大型握手。
diag-large-handshake-local-summary = 这个网络丢弃了浏览器的 TLS 握手消息：像浏览器那样的大型握手消息（约 1.7 KB，含后量子密钥）去往所有测试过的网站（包括对照目标）都被丢弃，而小型握手能完成。
diag-evidence-large-died = { $target }：小型握手在 { $small_ms } 毫秒内完成；浏览器式握手（提供 X25519MLKEM768）在 { $after_ms } 毫秒后{ $failure }（{ $code }）
diag-evidence-large-control-ok = 对照目标 { $target } 完成了浏览器式握手（服务器选择了 { $group }）
diag-evidence-large-no-control = 没有对照目标完成浏览器式握手，因此不能排除本地网络的问题
diag-trace-fields-rejected = chatgpt.com/cdn-cgi/trace 给出的 { $fields } 不是边缘节点会写的格式，按未知处理
