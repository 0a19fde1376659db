# chatgpt-doctor — 简体中文。参数、文件和环境变量中的错误；关于设置的警告。

err-line = 错误：{ $text }

## 命令行参数

err-flag-belongs-to-check = “{ $flag }”属于 `check`：请把它写在子命令之后，或去掉“{ $subcommand }”
err-not-a-port = “{ $value }”不是端口号（1-65535）
err-not-an-ip = “{ $value }”不是 IP 地址（IPv6 地址可以写在一对方括号里）
err-not-a-host = “{ $value }”不是主机名或 IP 地址（IPv6 地址写在一对方括号里）
err-resolve-form = “{ $value }”不符合 HOST:PORT:ADDR[,ADDR]... 的格式（例如：api.openai.com:443:127.0.0.1）
err-connect-to-form = “{ $value }”不符合 HOST:PORT:CHOST:CPORT 的格式（例如：chatgpt.com:443:127.0.0.1:8443；各部分可以为空）
err-dns-server-form = “{ $value }”不符合 IP[:PORT] 的格式（例如：192.0.2.53、192.0.2.53:5353、[2001:db8::53]:53）
err-not-seconds = “{ $value }”不是秒数
err-seconds-range = “{ $value }”必须在 0.001 到 3600 秒之间
err-width-range = “{ $value }”不是有效的宽度：请给出 40 到 1000 之间的列数
err-not-a-url = “{ $value }”不是 URL：{ $error }
err-url-scheme = “{ $value }”：只支持 http:// 和 https:// 开头的 URL
err-url-no-host = “{ $value }”没有主机名
err-url-credentials = “{ $value }”：这里不接受带用户名和密码的 URL（它们会被打印出来）
err-url-part = “{ $value }”：{ $problem }
err-doh-https = “{ $value }”：DNS-over-HTTPS 的 URL 必须以 https:// 开头
err-json-format-disagree = --json 与 --format { $format } 互相矛盾：只用其中一个
err-prometheus-check-only = --format prometheus 只能用于 `check`（`serve` 通过 HTTP 提供同样的指标）
err-stdout = 无法写入标准输出：{ $error }
err-runtime = 无法启动异步运行时：{ $error }
err-invalid-value = 参数“{ $arg }”的值“{ $value }”无效：{ $problem }
err-not-one-of = 参数“{ $arg }”的值“{ $value }”无效（可用的值：{ $values }）
err-unknown-argument = 无法识别的参数“{ $arg }”
err-try-help = 更多信息请运行 '--help'（帮助文字为英文）。

## 文件和环境变量

err-in-variable = { $variable }：{ $problem }
err-key-file-empty = --api-key-file { $path }：文件是空的
err-key-file-characters = --api-key-file { $path }：密钥中含有不能放进 HTTP 头的字符
err-header-characters = { $variable } 中含有不能放进 HTTP 头的字符
err-key-unicode = OPENAI_API_KEY 不是有效的 Unicode 文本
err-cacert-not-pem = --cacert { $path }：不是有效的 PEM 文件：{ $error }
err-edge-ranges-bad = --edge-ranges { $path }：{ $problem }
edge-ranges-bad-line = 第 { $line } 行：“{ $entry }”不是 CIDR 地址段（例如 104.16.0.0/13 或 2606:4700::/32）
edge-ranges-too-many = 地址段超过 { $limit } 个（上限；Cloudflare 公布的只有 22 个）
file-not-found = 无法读取 { $setting } { $path }：没有这个文件
file-not-regular = { $setting } { $path } 不是普通文件（{ $kind }）：没有打开
file-too-large = { $setting } { $path } 大于 { $limit }（这类文件的上限）：没有读取
file-unreadable = 无法读取 { $setting } { $path }：{ $error }
pem-unterminated = 第 { $line } 行开始的块没有 END 行
pem-nested-begin = 第 { $line } 行在第 { $begun } 行开始的块里又开始了一个块，前一个块没有 END 行
pem-stray-end = 第 { $line } 行结束了一个没有开始的块（或开始时标签不同）
pem-malformed-marker = 第 { $line } 行既不是 BEGIN 行也不是 END 行（应为 -----BEGIN 标签-----，两边各五个连字符）
pem-bad-base64 = 第 { $line } 行开始的块不是有效的 Base64
pem-not-a-certificate = 第 { $line } 行开始的块标为 CERTIFICATE，但里面不是 X.509 证书
pem-no-certificate = 没有找到 PEM 证书（-----BEGIN CERTIFICATE-----）

## 代理设置

proxy-setting-empty = { $source } 是空的
proxy-url-unusable = { $source }（“{ $value }”）不是可用的代理地址：{ $why }
proxy-url-https = 不支持 https:// 代理（与代理之间使用 TLS）；请使用 http://、socks5:// 或 socks5h://
proxy-url-scheme = 不支持“{ $scheme }://”；请使用 http://、socks5:// 或 socks5h://
proxy-url-no-scheme = 它没有以 http:// 这样的协议开头
proxy-url-invalid = { $error }
proxy-url-no-host = 其中没有主机名
proxy-url-bad-host = 主机部分既不是主机名也不是 IP 地址
proxy-variable-ignored = { $problem }；本工具忽略了它，而读取它的其他工具会出错或直接连接
proxy-variable-not-unicode = { $variable } 不是有效的 UTF-8：这里忽略它，其他程序各自按自己的方式解读其中的字节
proxy-no-port = { $source }（{ $proxy }）没有写端口：curl 和 chatgpt-doctor 会用 { $port }，而多数其他工具对 http:// 代理用 80；请把端口写上
proxy-disagree = { $lower }（{ $lower_value }）与 { $upper }（{ $upper_value }）不一致：curl 和 chatgpt-doctor 使用 { $lower }；先读大写变量名的程序（例如用 Go 写的程序）使用 { $upper }
proxy-credentials-disagree = { $lower } 与 { $upper } 指向同一个代理（{ $proxy }），但用户名或密码不同（不显示）：curl 和 chatgpt-doctor 使用 { $lower }；先读大写变量名的程序（例如用 Go 写的程序）使用 { $upper }
noproxy-bad-range = “{ $entry }”不是地址段（例如：10.0.0.0/8）
noproxy-bad-port = “{ $entry }”：“{ $port }”不是端口
noproxy-bad-entry = “{ $entry }”既不是主机名，也不是地址或地址段
noproxy-flag-bad = --noproxy：{ $problem }
noproxy-entry-ignored = { $source }：{ $problem }；已忽略这一项
noproxy-disagree = no_proxy（“{ $lower }”）与 NO_PROXY（“{ $upper }”）不一致：curl 和 chatgpt-doctor 使用 no_proxy；先读大写变量名的程序（例如用 Go 写的程序）使用 NO_PROXY

## 证书库

trust-store-empty = 系统证书库是空的：使用它的应用会拒绝所有证书
trust-store-load-error = 系统证书库：{ $error }
trust-store-skipped = { $problem }；系统证书库不含它（遵循这个设置的程序同样会失败）
trust-store-pem = { $setting } { $path }：{ $problem }
trust-store-not-a-directory = SSL_CERT_DIR 指向的 { $path } 不是目录，已跳过

## PAC 文件（代理自动配置）

pac-err-bad-location = “{ $location }”不是 PAC 文件的路径，也不是 file://、http:// 或 https:// URL
pac-err-unreadable = 无法读取 PAC 文件 { $path }：{ $error }
pac-err-not-a-file = PAC 文件 { $path } 不是普通文件（{ $kind }）：没有打开它
pac-err-too-large = PAC 文件太大（至少 { $bytes } 字节；上限为 { $limit }）
pac-err-fetch = 无法获取 PAC 文件 { $url }：{ $stage } 阶段失败（{ $failure }）{ $detail }
pac-err-http-status = 无法获取 PAC 文件 { $url }：服务器返回 HTTP { $status }
pac-err-redirects = 无法获取 PAC 文件 { $url }：重定向超过 { $limit } 次
pac-err-body-cut = 无法获取 PAC 文件 { $url }：服务器发送 { $bytes } 字节后就停止了
pac-err-fetch-deadline = PAC 文件 { $location } 未能在截止时间前取到
pac-err-nul-byte = PAC 文件含有 NUL 字节（位于第 { $offset } 字节）：它不是脚本
pac-err-syntax = PAC 文件不是有效的 JavaScript：{ $message }
pac-err-syntax-line = PAC 文件不是有效的 JavaScript（第 { $line } 行）：{ $message }
pac-err-no-function = PAC 文件没有定义 FindProxyForURL 函数
pac-err-threw-loading = PAC 文件在加载时抛出异常：{ $message }
pac-err-threw = FindProxyForURL 抛出异常：{ $message }
pac-err-timeout = PAC 文件运行超过 { $seconds } 秒，已被停止
pac-err-timeout-stuck = PAC 文件在引擎内部运行超过 { $seconds } 秒，已被放弃
pac-err-memory = PAC 文件用尽了内存上限（{ $limit } 字节）
pac-err-stack = PAC 文件的递归超过了栈上限（{ $limit } 字节）
pac-err-not-a-string = FindProxyForURL 返回了 { $got }，而不是字符串
pac-err-empty-result = FindProxyForURL 既没有返回代理，也没有返回 DIRECT（浏览器此时会直接连接）
pac-err-bad-result = FindProxyForURL 返回了“{ $entry }”：{ $problem }
pac-err-engine = JavaScript 引擎出错：{ $detail }
pac-entry-unknown-keyword = 关键字不是 DIRECT、PROXY、HTTP、HTTPS、SOCKS、SOCKS4 或 SOCKS5
pac-entry-missing-address = 代理缺少 host:port
pac-entry-extra-words = host:port 后面还有多余的内容
pac-entry-bad-host = 主机不是主机名或 IP 地址（IPv6 需加方括号）
pac-entry-bad-port = 端口不是 1 到 65535 之间的数字
pac-note-media-type = PAC 文件的媒体类型是 { $media_type }，而不是 application/x-ns-proxy-autoconfig（有些程序会拒绝它）
pac-note-not-utf8 = PAC 文件不是 UTF-8 编码，已按 Latin-1 读取
pac-note-redirected = { $from } 重定向到了 { $to }
## hosts 文件

hosts-error-not-a-file = { $file } 不是普通文件：没有读取
hosts-error-too-large = { $file } 大于 { $kib } KiB：没有读取
hosts-error-unreadable = 无法读取 { $file }：{ $error }
