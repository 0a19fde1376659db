# chatgpt-doctor — 简体中文。所有视图共用的消息：列表、层级、原因及其建议、失败字符串的文字说明。
# 消息 id 保持不变；措辞可以修改。
#
# 建议：每行一个步骤，最有用的放在最前面（多行值的每一行是一个步骤）。

## 列表

list-separator = {"、"}
list-and = { $head } 和 { $last }
list-and-more = { $head } 及其他 { $more } 项

## 层级

layer-machine = 本机
layer-local_network = 本地网络
layer-path = 网络路径
layer-service = 服务
layer-account = 账户

## 原因：每个代码的简称

cause-healthy = 正常
cause-inconclusive = 无法确定
cause-clock_skew = 时钟不准
cause-proxy_unreachable = 代理无法连接
cause-proxy_misconfigured = 代理设置有误
cause-hosts_override = hosts 文件改写了 OpenAI 的地址
cause-offline = 离线
cause-dns_resolver_down = DNS 解析器无响应
cause-captive_portal = 强制门户（登录页）
cause-proxy_denied = 代理拒绝访问 OpenAI
cause-proxy_auth_required = 代理要求身份验证
cause-tls_intercepted = HTTPS 被拦截解密
cause-network_slow = 网络缓慢
cause-dns_tampered = DNS 应答被伪造
cause-dns_blocked = DNS 被屏蔽
cause-tcp_blocked = 连接被阻断
cause-sni_filtered = TLS 按域名过滤（SNI）
cause-tls_failed = TLS 失败
cause-ipv6_broken = IPv6 不通
cause-region_blocked = 地区不受支持
cause-edge_challenge = OpenAI 边缘节点拒绝
cause-path_slow = 到 OpenAI 的路径慢
cause-unexpected_answer = 有别的服务器冒充 OpenAI 应答
cause-sni_throttled = 按域名（SNI）限速
cause-large_handshake_blocked = 浏览器的大型 TLS 握手被拦截
cause-service_outage = OpenAI 服务中断
cause-service_degraded = OpenAI 服务降级
cause-service_errors = OpenAI 服务器出错
cause-maintenance = OpenAI 维护中
cause-api_key_invalid = API 密钥无效
cause-api_key_missing = 缺少 API 密钥
cause-api_key_restricted = API 密钥权限受限
cause-org_mismatch = 组织不匹配
cause-quota_exhausted = 额度已用完
cause-rate_limited = 请求频率受限
cause-controls_failed = 对照目标失败
cause-trust_store_problem = 证书信任库有问题
cause-status_page_unreachable = 状态页无法访问
cause-deadline_reached = 已达运行时限
cause-ipv6_unavailable = 无 IPv6
cause-key_not_checked = 未检查 API 密钥
cause-browser_route_differs = 浏览器走的是另一条路线
cause-tunnel_fake_ip = TUN 代理的 fake-ip 应答

## 各原因的建议

advice-healthy =
    如果 ChatGPT 对你来说仍然出错，问题出在应用或浏览器：退出登录后重新登录、清除该网站的数据，或试试无痕（隐私）窗口。
    运行 `chatgpt-doctor check -v` 可查看每个阶段的耗时和结果。
advice-inconclusive =
    加上 -v 再运行一次，查看每个阶段；再换一个网络（例如手机热点）对比。
    用 --control URL 添加一个你确定在这里能访问的对照目标（用 IP 地址写的目标有助于区分是 DNS 还是线路的问题，例如 https://1.1.1.1/；在中国大陆它常常无法访问，可改用 https://223.5.5.5/）。
advice-offline =
    检查网线或 Wi-Fi 连接，再检查路由器；看看同一网络中的其他设备能否上网，就能判断是网络的问题还是这台电脑的问题。
    如果你在使用 VPN，请断开后重新连接。
    在网络恢复之前，无法判断 OpenAI 那边的情况。
advice-dns_resolver_down =
    你的 DNS 解析器没有响应。重启路由器，或在网络设置中改用公共解析器：在中国大陆可用 223.5.5.5（AliDNS）或 119.29.29.29（DNSPod），在其他地区可用 1.1.1.1 或 9.9.9.9。
    注意：国内的解析器遵循本地的过滤规则，对 OpenAI 的域名也可能给不出正确的结果；而 1.1.1.1、8.8.8.8 在中国大陆常被屏蔽。
    在哪里改 DNS：Windows 11 在 设置 → 网络和 Internet → WLAN（或以太网）→ 硬件属性 → DNS 服务器分配；macOS 在 系统设置 → 网络 → Wi-Fi（或以太网）→ 详细信息 → DNS。
    查看正在使用哪个解析器：Linux 用 `resolvectl status`（systemd-resolved）或查看 /etc/resolv.conf；macOS 用 `scutil --dns`；Windows 用 `ipconfig /all`。
advice-dns_blocked =
    你所在网络的解析器不解析 OpenAI 的域名。换一个解析器，或在浏览器或操作系统中使用加密 DNS（DNS-over-HTTPS）。
    在中国大陆能访问的解析器有 223.5.5.5 / https://dns.alidns.com/dns-query（AliDNS）和 119.29.29.29 / https://doh.pub/dns-query（DNSPod），但它们遵循国内的过滤规则，对 OpenAI 的域名同样可能给不出正确结果；1.1.1.1、8.8.8.8 及其 DoH 在中国大陆常被屏蔽。在合法的前提下，通过 VPN 使用加密 DNS 才是可靠的办法。
    在其他地区，可改用 1.1.1.1 或 9.9.9.9，或它们的 DoH。
    在浏览器中开启加密 DNS：Chrome 的“使用安全 DNS”、Edge 的“使用安全的 DNS”、Firefox 的“基于 HTTPS 的 DNS”，选择自定义提供商并填入 DoH 地址。
    如果这是公司或学校的网络，其策略可能禁止 ChatGPT：请询问网络管理员。
advice-tcp_blocked =
    你和 OpenAI 之间有东西拒绝或丢弃了发往其地址的连接：可能是防火墙、你的运营商，或国家层面的过滤。
    在公司或学校网络中，请询问网络管理员；在其他地方，可换一个网络（例如手机热点）来确认。
advice-tls_failed =
    OpenAI 的证书未通过验证。请检查这台电脑的日期和时间是否正确。
    如果有安全软件或公司代理会检查 HTTPS，需要安装它的证书；否则收到的应答可能是伪造的：不要输入密码。
    运行 `chatgpt-doctor check -v` 可查看对方出示的证书链。
advice-service_errors =
    OpenAI 的服务器至少对部分请求出错；这不是你的网络问题。查看 https://status.openai.com 并在几分钟后重试。
    状态页上可能仍显示 Operational（正常）：故障刚开始时，状态页往往要过一阵才会更新。
    如果只有一个入口出错，先换用另一个（网页版、应用或 API）。
advice-proxy_unreachable =
    这台电脑设置使用的代理没有响应。检查环境变量 HTTPS_PROXY / https_proxy 和系统代理设置（Windows：设置 → 网络和 Internet → 代理；macOS：系统设置 → 网络 → Wi-Fi（或以太网）→ 详细信息 → 代理）：从别的网络遗留下来的旧设置很常见。
    最常见的情况：Clash、v2rayN 等本地代理客户端已经退出，但系统代理或环境变量仍指向 127.0.0.1 上的端口（例如 127.0.0.1:7890）。重新打开该客户端，或清除这些设置。
    查看当前的值：Windows PowerShell 用 `Get-ChildItem Env:*proxy*`，Windows cmd 用 `set HTTPS_PROXY`，macOS 和 Linux 用 `env | grep -i proxy`。
    如果这里本不该用代理，就清除这些变量：Windows PowerShell 用 `Remove-Item Env:HTTPS_PROXY`，Windows cmd 用 `set HTTPS_PROXY=`，macOS 和 Linux 用 `unset HTTPS_PROXY https_proxy`；长期设置的变量在 Windows 开始菜单搜索“编辑系统环境变量”删除，在 macOS 和 Linux 从 ~/.zshrc 或 ~/.bashrc 中删除。
    也可以用 --proxy "" 在不经代理的情况下测试。
advice-proxy_misconfigured =
    让代理变量保持一致：把 HTTPS_PROXY 和 https_proxy 设成同一个值（或只保留一个）；不同的工具读取的变量不同。地址要写全 http:// 和端口。
    Windows PowerShell：`$env:HTTPS_PROXY = "http://127.0.0.1:7890"`；Windows cmd：`set HTTPS_PROXY=http://127.0.0.1:7890`（这两种只对当前窗口有效；Windows 的变量名不区分大小写）；macOS 和 Linux：`export HTTPS_PROXY=http://127.0.0.1:7890 https_proxy=http://127.0.0.1:7890`。
    端口要与代理客户端（Clash、v2rayN 等）中显示的 HTTP 或混合端口一致；公司代理请用 IT 部门提供的地址，例如 http://proxy:8080。
    要长期生效：Windows 在开始菜单搜索“编辑系统环境变量”，或运行 `setx HTTPS_PROXY http://127.0.0.1:7890`（之后新开的窗口才生效）；macOS 和 Linux 把 export 那一行写进 ~/.zshrc 或 ~/.bashrc。
    系统代理（Windows：设置 → 网络和 Internet → 代理；macOS：系统设置 → 网络 → Wi-Fi（或以太网）→ 详细信息 → 代理）与环境变量是两套设置：浏览器用前者，命令行工具和 SDK 通常读后者。
advice-proxy_auth_required =
    代理要求登录：把用户名和密码写进代理地址（http://user:pass@proxy:port），或使用 IT 部门提供的凭据。
    设置方法：Windows PowerShell 用 `$env:HTTPS_PROXY = "http://user:pass@proxy:8080"`，Windows cmd 用 `set HTTPS_PROXY=http://user:pass@proxy:8080`，macOS 和 Linux 用 `export HTTPS_PROXY=http://user:pass@proxy:8080`。密码中的特殊字符要做 URL 编码（例如 @ 写成 %40）。
    浏览器通常会弹窗询问代理的账号密码（系统代理在 Windows：设置 → 网络和 Internet → 代理；macOS：系统设置 → 网络 → Wi-Fi（或以太网）→ 详细信息 → 代理）；命令行工具则需要把账号密码写在地址里。
    很多工具无法应对 Negotiate/NTLM 认证的代理（-v 会显示它要求哪种认证）：可能需要在本机运行 cntlm 或 px 这类辅助程序。
advice-proxy_denied =
    你所在网络的代理设有禁止访问 OpenAI 的规则。在公司或学校网络中，请询问网络管理员；代理的拦截页面（用 -v 可看到）可能写明了该找谁。
    如果网络强制所有流量都经过这个代理，绕过代理的工具同样无法连通。
advice-hosts_override =
    这台电脑的 hosts 文件中有一行把 OpenAI 的域名指向了不属于 OpenAI 的地址（证据中写明了文件和行号）。广告拦截、“隐私保护”类工具、加速器和一些旧教程会写入这样的行。
    以管理员身份删除这一行，或在行首加上 #：Linux 和 macOS 用 `sudo nano /etc/hosts`；Windows 以管理员身份运行记事本，打开 C:\Windows\System32\drivers\etc\hosts。
    如果这一行是拦截工具或其他程序写入的，请在该程序中放行 chatgpt.com 和 openai.com，否则它会再次写入。
    然后清除 DNS 缓存并重启浏览器：Windows 用 `ipconfig /flushdns`；macOS 用 `sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder`；使用 systemd-resolved 的 Linux 用 `resolvectl flush-caches`。
advice-dns_tampered =
    你收到的 OpenAI 域名的 DNS 应答是伪造的（来自国家层面的过滤，或会篡改结果的解析器）。请在浏览器或操作系统中使用加密 DNS（DNS-over-HTTPS 或 DNS-over-TLS），或使用连 DNS 查询也一并承载的 VPN。
    在中国大陆，223.5.5.5 / https://dns.alidns.com/dns-query（AliDNS）和 119.29.29.29 / https://doh.pub/dns-query（DNSPod）虽然能访问，但遵循国内的过滤规则，对 OpenAI 的域名同样可能给不出正确结果；1.1.1.1、8.8.8.8 及其 DoH 常被屏蔽。在合法的前提下，通过 VPN 使用加密 DNS 才是可靠的办法。
    `chatgpt-doctor check -v` 会显示被伪造的地址，以及独立解析器给出的答案。
advice-clock_skew =
    把这台电脑的时钟调准：在日期和时间设置中打开自动设置时间（NTP），然后重新检查。
    Windows：设置 → 时间和语言 → 日期和时间 → 自动设置时间；macOS：系统设置 → 通用 → 日期与时间 → 自动设置时间和日期；Linux：`timedatectl set-ntp true`。
    证书是按本机时钟来验证的：时钟不对时，所有安全网站看起来都会出错。
advice-captive_portal =
    打开浏览器，访问任意 http:// 开头的网站（例如 http://captive.apple.com）：应该会出现该网络的登录页；登录或同意其使用条款。
    在此之前，这个网络以外的任何地方都无法访问，OpenAI 也不例外。
advice-tls_intercepted =
    有安全软件或公司代理在解密 HTTPS。浏览器之所以正常，是因为它的证书颁发机构（CA）已在这台电脑的证书库中；自带 CA 证书包的工具需要单独指定它：
    Python（requests、httpx、OpenAI SDK）：把 REQUESTS_CA_BUNDLE / SSL_CERT_FILE 指向一个包含公司 CA 的证书包。
    Node.js：NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem。curl 及许多其他工具：SSL_CERT_FILE 或 --cacert。
    在 Windows PowerShell 中这样设置：`$env:NODE_EXTRA_CA_CERTS = "C:\certs\company-ca.pem"`；macOS 和 Linux：`export NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem`。
    如果你并未预料到会被拦截（不是公司设备，也没有装杀毒软件），请把这个网络视为不安全，不要登录任何账号。
advice-sni_filtered =
    有过滤设备读取 TLS 握手中的网站名称（SNI），并拦截了 OpenAI 的名称。你的网络或所在国家/地区在审查 ChatGPT；在合法的前提下，通常的办法是使用 VPN 或以隧道方式承载 TLS 的代理。
    在浏览器和网站都支持时，Encrypted Client Hello（ECH）可以隐藏这个名称。
advice-ipv6_broken =
    已配置 IPv6，但通过它连不上 OpenAI。修好 IPv6 路由（路由器、运营商），或在修好之前先在这台电脑上关闭 IPv6。
    如果 VPN 或代理只承载 IPv4，IPv6 流量会绕过它漏出去：关闭 IPv6，或使用能处理 IPv6 的 VPN。
    关闭方法：Windows 在 控制面板 → 网络和共享中心 → 更改适配器设置 → 右键网卡 → 属性 中取消勾选“Internet 协议版本 6 (TCP/IPv6)”；macOS 在 系统设置 → 网络 → Wi-Fi（或以太网）→ 详细信息 → TCP/IP 中把“配置 IPv6”设为“仅本地链接”。
advice-ipv6_unavailable =
    无需处理：这台电脑没有 IPv6 路由，因此会使用 IPv4，这是正常的。
advice-network_slow =
    从这里访问所有网站都很慢：靠近 Wi-Fi 接入点（路由器）、停止大文件下载，或换一个网络试试。
advice-path_slow =
    只有通往 OpenAI 的路径慢：可能是 VPN 出口太远或线路拥堵；试试不用 VPN、换一个离你更近的出口，或换一个网络。
advice-unexpected_answer =
    OpenAI 域名上收到的应答不是 OpenAI 发出的：拦截页、代理或防火墙的拒绝页、登录页，或者永远读不完的内容。证据里的页面标题和服务器名说明了是谁放的。
    在公司或学校：请网络管理员放行 chatgpt.com、openai.com 和 oaistatic.com。在家里：运营商，或路由器、杀毒软件里的家长控制或安全过滤拦截了它们，请对这些网站关闭过滤，或换一个网络。
    如果你设置了 OPENAI_BASE_URL 或网关，请确认它指向与 OpenAI 兼容的 API。
advice-sni_throttled =
    路径上有设备专门拖慢写着 OpenAI 域名的连接，而同一台服务器换个名字就很快：这是按域名（SNI）限速，一些运营商和防火墙对其他服务也这样做过。
    换一个网络（如手机流量）、使用以隧道方式承载 TLS 的 VPN，或在浏览器和网站都支持时使用 Encrypted Client Hello（ECH）可以避开。可以把证据里的数字提交给运营商投诉。
advice-large_handshake_blocked =
    现在的浏览器会发送较大的 TLS 握手消息（含后量子密钥，约 1.7 KB，分两个数据包），路上的路由器、防火墙或 VPN 把它丢掉了，而小的握手消息能通过。请升级路由器或防火墙的固件；检查 VPN 和 PPPoE 线路的 MTU/MSS 设置（把 MTU 设为 1400 或启用 MSS 钳制通常能解决）。
    临时办法：在浏览器里关闭后量子密钥交换——Chrome/Edge：chrome://flags →“TLS 1.3 post-quantum key agreement”设为 Disabled（或通过 PostQuantumKeyAgreementEnabled 策略）；Firefox：about:config → security.tls.enable_kyber 设为 false。网络修好后再打开。
advice-region_blocked =
    OpenAI 不为你的网络连接所显示的国家或地区提供服务。OpenAI 的服务范围不包括中国大陆、香港和澳门。支持的国家和地区列表见 https://platform.openai.com/docs/supported-countries
    如果你身在受支持的国家或地区，说明你的流量是从别处出去的：检查 VPN 和代理，并确认 IPv6 流量和登录（auth.openai.com）与其余流量走的是同一条路。
advice-edge_challenge =
    OpenAI 的边缘节点（Cloudflare）不信任这个连接的地址：通常是因为 VPN、代理或数据中心（机房）的 IP。关闭 VPN 或更换出口节点，或者换一个网络。
    用同一个地址重试没有用。浏览器有时能通过人机验证，而应用和 API 无法通过。
    如果只有应用被拒绝而网页版正常，可能是应用的 QUIC（UDP）流量绕过了你的 VPN 或代理。
advice-service_outage =
    OpenAI 出现故障，状态页也已确认；你这边做什么都无法解决。请关注 https://status.openai.com 上的最新进展。
    如果还有其他入口（网页版、应用或 API）可用（见上文），可以暂时先用它。
    状态页是英文的：顶部横幅是总体状态；下方每个组件（ChatGPT、API、Sora 等）各自标着 Operational（正常）、Degraded Performance（性能下降）、Partial Outage（部分中断）或 Major Outage（严重中断，也可能写作 Full outage）。
    故障事件的进展依次为 Investigating（正在调查）→ Identified（已找到原因）→ Monitoring（已修复，观察中）→ Resolved（已解决）。
advice-service_degraded =
    OpenAI 报告服务性能下降；错误可能时有时无。重试时逐步拉长间隔，并关注 https://status.openai.com
    在状态页上，受影响的组件会标为 Degraded Performance（性能下降）或 Partial Outage（部分中断）；事件的状态到 Resolved（已解决）才算结束，之前还会经过 Investigating（正在调查）、Identified（已找到原因）、Monitoring（已修复，观察中）。
advice-maintenance =
    OpenAI 正在维护；结束时间请看 https://status.openai.com
    状态页上的维护单独列出，并写明开始和结束时间；维护中的组件会标为 Under Maintenance（维护中）。
advice-api_key_invalid =
    在 https://platform.openai.com/api-keys 创建一个新密钥，并把 OPENAI_API_KEY 设为它；检查是否多了引号或空格。
    如果你使用中转或网关（OPENAI_BASE_URL），密钥必须是它认可的。
advice-api_key_missing =
    设置 OPENAI_API_KEY（macOS 和 Linux：`export OPENAI_API_KEY=sk-...`；Windows PowerShell：`$env:OPENAI_API_KEY = "sk-..."`；Windows cmd：`set OPENAI_API_KEY=sk-...`），或用 --api-key-file FILE 传入。本工具从不接受直接写在命令行上的密钥。
advice-api_key_restricted =
    密钥有效，但缺少某些接口的权限：在 https://platform.openai.com/api-keys 为它授予所需的权限，或改用不受限的密钥。
advice-org_mismatch =
    OPENAI_ORG_ID 指定的组织不是这个密钥所属的组织：取消设置它，或改为 https://platform.openai.com/settings/organization 中显示的该密钥所属组织。
advice-quota_exhausted =
    账户已没有可用额度：在 https://platform.openai.com/settings/organization/billing 充值或提高限额。重试没有用。
advice-rate_limited =
    等到上面 retry-after / x-ratelimit-reset-* 给出的时间之后，再按指数退避重试（每次失败后把等待时间加倍）；或申请更高的限额。
advice-controls_failed =
    有对照目标失败，而 OpenAI 却正常：这个对照目标可能在这里被屏蔽了。用 --control URL 选一个在这个网络上能访问的目标。
advice-trust_store_problem =
    修复系统的 CA 证书（Debian/Ubuntu：`sudo apt install --reinstall ca-certificates`；macOS：钥匙串访问 → 系统根证书），或把 SSL_CERT_FILE 指向一个证书包。
advice-status_page_unreachable =
    从这里无法读取状态页；请用另一个网络或手机打开 https://status.openai.com
    看法：顶部横幅是总体状态；各组件（ChatGPT、API、Sora 等）标着 Operational（正常）、Degraded Performance（性能下降）、Partial Outage（部分中断）或 Major Outage（严重中断，也可能写作 Full outage）；故障事件依次经过 Investigating（正在调查）→ Identified（已找到原因）→ Monitoring（已修复，观察中）→ Resolved（已解决）。
advice-deadline_reached =
    用 --max-time SECONDS 给这次运行更多时间，或运行 `chatgpt-doctor check -v` 查看哪个阶段慢。
advice-key_not_checked =
    运行 `chatgpt-doctor auth -v` 查看为什么无法检查密钥。
advice-browser_route_differs =
    本次检查走的是终端工具和 SDK 的路线（代理环境变量）；浏览器和桌面应用走系统代理。要检查它们的路线，请带上该代理重新运行：chatgpt-doctor check --proxy http://主机:端口（警告里写明了代理）。
    要让终端工具与浏览器走同一路线，请把 HTTPS_PROXY 设为同一代理；Node.js 还需要 NODE_USE_ENV_PROXY=1。
advice-tunnel_fake_ip =
    TUN 模式的代理（Clash、mihomo、sing-box）用占位地址应答域名，并自己转发连接：如果 OpenAI 不通，请检查代理的上游（节点或订阅）、它对 openai.com 和 chatgpt.com 的规则以及它的日志。
    要在没有它的情况下测试，请关闭 TUN 模式后重新运行检查。

## 失败字符串的文字说明（代码本身永不改变）

failure-dns_nxdomain_error = 域名不存在（NXDOMAIN）
failure-dns_no_answer = 解析器没有返回地址
failure-dns_refused_error = 解析器拒绝了查询
failure-dns_servfail_error = 解析器出错（SERVFAIL）
failure-dns_temporary_failure = 没有可询问的解析器
failure-dns_bogon_error = 应答是私有或保留地址
failure-generic_timeout_error = 超时
failure-connection_refused = 连接被拒绝
failure-connection_reset = 连接被重置
failure-host_unreachable = 主机不可达
failure-network_unreachable = 网络不可达
failure-proxy_auth_required = 代理要求身份验证（407）
failure-proxy_denied = 代理拒绝访问该目标
failure-proxy_error = 代理出错
failure-ssl_invalid_hostname = 证书属于另一个域名
failure-ssl_unknown_authority = 证书的签发者不受信任
failure-ssl_invalid_certificate = 证书无效（已过期、尚未生效或格式错误）
failure-ssl_failed_handshake = TLS 握手失败
failure-eof_error = 连接被关闭
failure-http_invalid_response = HTTP 应答格式错误或过大
failure-unknown_failure = 意外错误

## 某个阶段没有运行的原因（代码本身不变）

skip-deadline = 已到整体时限（--max-time）
skip-no_address_in_family = 允许的地址族（-4/-6）中没有地址
skip-tcp_failed = TCP 未连接
skip-proxy_tcp_failed = 未能通过 TCP 连接到代理
skip-proxy_failed = 代理没有建立隧道
skip-tls_failed = TLS 握手未能在受信任的证书下完成
skip-not_verified = 未发送：API 密钥只通过经公共证书库验证的 TLS 发送（这条连接只被系统证书库信任，可能被拦截）
skip-plain_http = 未发送：API 密钥只经明文 http 发往本机回环地址
skip-dns_server_chosen = 未查询：--dns-server 指定了解析器
