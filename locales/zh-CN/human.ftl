# chatgpt-doctor — 简体中文。`check`、`status` 和 `auth` 的终端报告。

## 报告开头与表格

human-header = { $tool } { $version } — { $targets } 个目标，用时 { $duration }
human-col-surface = 类别
human-col-target = 目标
human-col-result = 结果
human-compact-result = { $surface }：{ $result }
human-via-proxy = （经代理 { $proxy }）
human-no-answer = 无应答
human-stage-not-run = 未运行：{ $reason }
# 某一阶段失败：“tcp：连接被拒绝（connection_refused），用时 3 ms”
human-stage-failed = { $stage }：{ $what }（{ $code }），用时 { $duration }
human-stage-note = { $stage }：{ $detail }
human-dns-lookup = { $record } { $query } 经 { $source }：{ $answers }
human-tls-line = tls { $version } { $alpn } sni={ $sni } 系统证书库：{ $system } 公共证书库：{ $public }
human-cert-line = { $subject } ← { $issuer }（有效期至 { $until }）
human-body = 响应正文：{ $excerpt }
human-evidence = 证据
human-verdict = 结论：
human-verdict-line = { $head }{ $summary } { $code }
# 加粗的标签和它的值：“密钥：来自 OPENAI_API_KEY → 有效”
human-labelled = { $label }{ $value }
human-edge = 边缘节点：OpenAI 的边缘节点看到你的地址是 { $ip }，位于 { $loc }（数据中心 { $colo }，WARP { $warp }）
human-api-key = API 密钥：{ $line }

## 应用解析到的地址，与 DNS 的应答对照

human-views-differ = 应用解析到的地址与 DNS 的应答不同：
human-views-all = 应用解析到的地址，以及 DNS 的应答：
# $os：操作系统解析器（应用所用）给出的结果；$configured：DNS 服务器的应答。
human-view-answers = 应用：{ $os }  ·  DNS 服务器：{ $configured }
# $lines：行号，已连接好。
human-view-from-hosts = （来自 { $file } 第 { $lines } 行）
human-view-doh = DoH { $resolver } { $record }：{ $answers }

## 类别、证书库：代码对应的词

surface-web = 网页
surface-app = 应用
surface-api = API
surface-auth = 登录
surface-assets = 静态资源
surface-status = 状态页
surface-control = 对照
store-trusted = 受信任
store-rejected = 被拒绝
store-not_checked = 未检查

## HTTP 应答：状态码、由谁应答、含义

http-answer = { $status } { $responder ->
        [origin] OpenAI 源站
        [edge] 边缘节点
       *[server] 服务器
    }：{ $kind ->
        [origin_answer] 已到达源站
        [edge_challenge] 人机验证（cf-mitigated）
        [edge_blocked] 边缘节点封禁了此客户端
        [edge_rate_limited] 边缘节点对此地址限速（1015）
        [app_edge_blocked] 应用的边缘节点拒绝此运营商或 VPN
        [region_blocked] 所在地区不受支持
        [edge_origin_error] 已到达边缘节点，源站出错
        [origin_error] OpenAI 服务器错误
        [server_error] 服务器错误
        [not_openai] 不是 OpenAI 的应答
       *[answer] 已应答
    }

## 状态页

human-status-page = 状态页：{ $headline }
human-page-unreadable = 无法读取
# 状态页自己的描述（英文，来自 OpenAI）和总体指标代码。
human-page-headline = { $indicator ->
        [none] 全部正常
        [minor] 部分功能受影响
        [major] 严重故障
        [critical] 重大故障
        [maintenance] 维护中
       *[other] 状态未知
    }（OpenAI：“{ $description }”）
human-page-no-description = 无描述
human-component = { $group } { $name } { $status }
human-incident = 事件：{ $name } [{ $status }{ $impact ->
        [none] {""}
        [unknown] {""}
       *[other] ，{ $impact }
    }]{ $since ->
        [unknown] {""}
       *[other] ，开始于 { $since }
    }
human-incident-latest = 最新进展{ $at ->
        [unknown] {""}
       *[other] （{ $at }）
    }：{ $update }
human-maintenance = { $state ->
        [in_progress] 维护进行中
       *[scheduled] 计划维护
    }：{ $name }{ $from ->
        [unknown] {""}
       *[other] { $until ->
            [unknown] （自 { $from } 起）
           *[other] （{ $from } – { $until }）
        }
    }
human-status-title = OpenAI 状态：
human-status-not-probed = 未检查状态页。
human-status-no-document = 没有读懂任何状态文档
human-status-unreadable-advice = 状态页无法读取，说明的是网络的情况，而不是 OpenAI 的情况：请运行 `chatgpt-doctor check`。
human-status-all-clear = 所有组件运行正常，没有事件，没有维护
human-status-sources = 读取自：{ $sources }

## 状态页使用的状态代码

status-operational = 正常
status-degraded_performance = 性能下降
status-partial_outage = 部分中断
status-major_outage = 严重中断
status-full_outage = 完全中断
status-under_maintenance = 维护中
status-investigating = 调查中
status-identified = 已查明原因
status-monitoring = 观察中
status-resolved = 已解决
status-postmortem = 事后复盘
status-minor = 轻微
status-major = 严重
status-critical = 重大
status-maintenance = 维护
status-chatgpt = ChatGPT
status-api = API
status-other = 其他

## API 密钥

key-valid = 有效
key-restricted = 有效但权限受限
key-invalid = 无效
key-missing = 未设置
key-org_mismatch = 组织不匹配
key-quota_exhausted = 额度已用完
key-rate_limited = 触发速率限制
key-region_blocked = 地区受限
key-edge_refused = 被边缘节点拒绝
key-server_error = 服务器错误
key-unexpected = 意外的应答
key-not_sent = 未发送
key-not_checked = 未检查
human-key-line = 来自 { $source } → { $status }
human-key-http = （HTTP { $code }）
human-key-organization = ，组织 { $organization }
human-key-scopes = ，缺少权限范围：{ $scopes }
human-key-limits = ，{ $limits }
human-key-request = ，请求 ID { $id }
human-auth-api-label = API：
human-auth-api = { $label }{ $url }（{ $source }）
human-auth-key = 密钥：
human-auth-none = 未配置
human-auth-default = 默认
human-auth-sent = 已发送：{ $headers }
human-auth-said = API 返回：{ $message }

## stderr 上的进度

human-progress = 正在探测 { $done }/{ $total } 个目标
# $stage：dns、tcp、tls 或 http；$whose：openai（全部）、controls（没有）或 some。
human-progress-waiting = 正在等待 { $whose ->
        [openai] OpenAI 的
        [controls] 对照目标的
       *[some] {""}
    }{ $count } 个{ $stage ->
        [dns] DNS 查询
        [tcp] TCP 连接
        [tls] TLS 握手
       *[http] HTTP 响应
    }{ $whose ->
        [some] （其中 { $openai } 个属于 OpenAI）
       *[other] {""}
    } · 已用 { $elapsed }，上限 { $allowed }
# 探测了多条路线时，本机各类程序的路线。
human-routes = 你的程序的路线：
# $programs：terminal_tools_and_sdks 或 browsers_and_desktop_app。
human-programs = { $programs ->
        [browsers_and_desktop_app] 浏览器和桌面应用
       *[terminal_tools_and_sdks] 终端工具和 SDK
    }
# $way："direct" 或 主机:端口；$source：决定路线的设置；$summary：该路线的结论。
human-route-line = { $programs }（{ $way ->
        [direct] 直连
       *[other] 经 { $way }
    }，来自 { $source }）：{ $summary }
human-when = { $time }（{ $zone }），{ $age }
human-when-no-age = { $time }（{ $zone }）
human-age-now = 刚刚
# $unit：minutes、hours 或 days；$direction：ago 或 ahead。
human-age = { $n } { $unit ->
        [minutes] 分钟
        [hours] 小时
       *[days] 天
    }{ $direction ->
        [ahead] 后
       *[ago] 前
    }
