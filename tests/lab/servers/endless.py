#!/usr/bin/env python3
"""A body that never ends, at full speed (python3's asyncio streams and ssl; HTTP/1.1 written by hand).

Every request gets 200 with the headers its name would carry (Cloudflare's for the names behind it, an
x-request-id for the API) and `Transfer-Encoding: chunked`, then chunks of HTML, as fast as the client reads,
and never the last chunk. Bounded: a connection ends after --per-connection seconds, the server after --limit.
Listens on every address, IPv4 and IPv6 (host None). One line per connection on stderr when it ends:
"<Host> <path> <bytes sent> <why it ended>".

    endless.py --port 8443 --cert leaf.pem --key leaf.key [--limit SECS] [--per-connection SECS]
"""
import argparse
import asyncio
import os
import ssl
import sys

CLOUDFLARE = {"chatgpt.com", "ios.chat.openai.com", "android.chat.openai.com", "api.openai.com",
              "auth.openai.com", "cdn.oaistatic.com"}
CHUNK = b"<div>" + b"lorem ipsum dolor sit amet " * 600 + b"</div>\n"
FRAME = b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK)


def head(host):
    lines = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", "Transfer-Encoding: chunked",
             "Cache-Control: no-store"]
    if host in CLOUDFLARE:
        lines += ["Server: cloudflare", "cf-ray: %s-FRA" % os.urandom(8).hex(), "cf-cache-status: DYNAMIC"]
    if host == "api.openai.com":
        lines += ["x-request-id: req_%s" % os.urandom(16).hex()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def serve(reader, writer, per_connection):
    host, path, sent, why = "-", "-", 0, "closed"
    try:
        raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        lines = raw.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        path = parts[1] if len(parts) > 1 else "-"
        for line in lines[1:]:
            if line.lower().startswith("host:"):
                host = line[5:].strip().rsplit(":443", 1)[0]
        writer.write(head(host))
        loop = asyncio.get_running_loop()
        end = loop.time() + per_connection
        why = "time limit"
        while loop.time() < end:
            writer.write(FRAME)
            sent += len(FRAME)
            await asyncio.wait_for(writer.drain(), 10)
    except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError) as e:
        why = "client gone (%s)" % type(e).__name__
    except asyncio.TimeoutError:
        why = "client stalled"
    finally:
        sys.stderr.write("%s %s %d %s\n" % (host, path, sent, why))
        sys.stderr.flush()
        writer.transport.abort()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--limit", type=float, default=900)
    p.add_argument("--per-connection", type=float, default=60)
    a = p.parse_args()
    # A client that hangs up mid-write is the normal end here: one short line, not a traceback.
    asyncio.get_running_loop().set_exception_handler(
        lambda loop, c: sys.stderr.write("endless: %s\n" % (c.get("exception") or c.get("message"))))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(a.cert, a.key)
    ctx.set_alpn_protocols(["http/1.1"])
    server = await asyncio.start_server(lambda r, w: serve(r, w, a.per_connection), host=None, port=a.port,
                                        ssl=ctx, ssl_handshake_timeout=10, reuse_address=True)
    sys.stderr.write("endless: listening on %s\n" % ", ".join(str(s.getsockname()[:2]) for s in server.sockets))
    sys.stderr.flush()
    async with server:
        try:
            await asyncio.wait_for(server.serve_forever(), a.limit)
        except asyncio.TimeoutError:
            pass


if __name__ == "__main__":
    asyncio.run(main())
