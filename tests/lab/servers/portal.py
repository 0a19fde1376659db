#!/usr/bin/env python3
"""A captive portal for the lab (python3's http.server and ssl, nothing else).

Every request, whatever its name, path or method, gets the same 200 login page: on HTTP (--http PORT) and on
HTTPS (--https PORT, with --cert/--key). Both listen on every address, IPv4 and IPv6 (one dual-stack socket
each); the edge's nat table sends the client's ports 80 and 443 here. The TLS handshake runs in the request's
thread, bounded by --io-timeout, so a silent client holds no one else up. One line per request on stderr:
"<Host> <client> <request line>". Exits after --limit seconds whatever happens.

    portal.py --http 8080 --https 8443 --cert leaf.pem --key leaf.key [--limit SECS] [--io-timeout SECS]
"""
import argparse
import http.server
import socket
import ssl
import sys
import threading

PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Welcome to Lab Airport Wi-Fi</title></head>
<body><h1>Welcome to Lab Airport Wi-Fi</h1>
<p>Please sign in to access the Internet.</p>
<form method="post" action="/login"><input name="room" placeholder="Room or ticket number">
<label><input type="checkbox" name="terms"> I accept the terms of use</label>
<button type="submit">Connect</button></form></body></html>
"""


class Portal(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "LabPortal/1.0"
    sys_version = ""

    def setup(self):
        self.request.settimeout(self.server.io_timeout)
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

    def answer(self, body=True):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(PAGE)
        self.close_connection = True

    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.answer()

    def do_HEAD(self):
        self.answer(body=False)

    def log_message(self, fmt, *args):
        host = self.headers.get("Host", "-") if getattr(self, "headers", None) else "-"
        sys.stderr.write("%s %s %s\n" % (host, self.client_address[0], fmt % args))
        sys.stderr.flush()


class Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, port, io_timeout, context=None):
        self.io_timeout = io_timeout
        self.context = context
        super().__init__(("::", port), Portal)

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)  # IPv4 too
        super().server_bind()

    def get_request(self):
        sock, addr = self.socket.accept()
        if self.context is not None:
            sock = self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def handle_error(self, request, client_address):
        sys.stderr.write("%s error: %s\n" % (client_address[0], sys.exc_info()[1]))
        sys.stderr.flush()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--http", type=int)
    p.add_argument("--https", type=int)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--limit", type=float, default=900)
    p.add_argument("--io-timeout", type=float, default=10)
    a = p.parse_args()
    servers = []
    if a.http:
        servers.append(Server(a.http, a.io_timeout))
    if a.https:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(a.cert, a.key)
        ctx.set_alpn_protocols(["http/1.1"])
        servers.append(Server(a.https, a.io_timeout, ctx))
    if not servers:
        p.error("give --http and/or --https")
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    sys.stderr.write("portal: listening on %s\n" % ", ".join(str(s.server_address[1]) for s in servers))
    sys.stderr.flush()
    threading.Event().wait(a.limit)  # bounded: the process ends after --limit seconds


if __name__ == "__main__":
    main()
