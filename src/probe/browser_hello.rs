//! The browser-shaped handshake: a ClientHello built like Chrome's, with the hybrid
//! post-quantum key share X25519MLKEM768, sent on a fresh connection to an address the TLS stage
//! reached, and the server's first answer read.
//!
//! Browsers (Chrome/Edge 131+, Firefox 132+, Safari 26) offer X25519MLKEM768, whose 1,216-byte
//! share makes their hello about 1.7 KB: more than one TCP segment on an ordinary path. Some
//! middleboxes drop such hellos (tldr.fail) while the small hello of the TLS stage (rustls with
//! `ring`, no ML-KEM) passes. This probe tells the two apart. The handshake is never finished:
//! the shares are structurally valid random bytes, not keys anyone holds, so no secret is
//! involved and nothing is sent after the hello.

use std::hash::{BuildHasher, RandomState};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use super::observation::{BrowserHelloDetail, Failure, Stage};

/// The hybrid post-quantum group browsers offer first (draft-ietf-tls-ecdhe-mlkem).
pub const X25519_MLKEM768: u16 = 0x11EC;
const X25519: u16 = 0x001D;
const SECP256R1: u16 = 0x0017;
const SECP384R1: u16 = 0x0018;
/// ML-KEM's modulus: every coefficient of an encapsulation key is below it (FIPS 203's check).
const ML_KEM_Q: u16 = 3329;
/// The coefficients of an ML-KEM-768 encapsulation key (k = 3 polynomials of 256), before rho.
const ML_KEM_768_COEFFICIENTS: usize = 768;
/// The most of the server's answer read.
const ANSWER_CAP: usize = 16 * 1024;
/// The longest TLS record (a TLS 1.2 ciphertext's bound).
const MAX_RECORD: usize = 16 * 1024 + 2048;
/// The MSS clamped on the socket (Unix): the hello spans two segments even on loopback or jumbo
/// paths, as it does on an ordinary 1,500-byte path.
#[cfg(unix)]
const MSS: u32 = 1400;
/// The random of a HelloRetryRequest (RFC 8446 §4.1.3): SHA-256 of "HelloRetryRequest".
const HRR_RANDOM: [u8; 32] = [
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2,
    0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
];
/// Chrome's cipher suites after its GREASE value: TLS 1.3's three, then the TLS 1.2 ECDHE and
/// RSA suites it still offers.
const CHROME_SUITES: [u16; 15] = [
    0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D,
    0x002F, 0x0035,
];
/// Chrome's signature_algorithms.
const CHROME_SIGNATURES: [u16; 8] = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];

/// Connects to `peer` (its own TCP connection, under `timeout` for connect + answer together)
/// and sends a browser-shaped ClientHello for `sni`; Ok when the server answered with a
/// ServerHello (or a HelloRetryRequest, or an alert), failed (with the stable Failure: timeout →
/// GenericTimeoutError, reset → ConnectionReset, close → EofError, an answer that is no TLS
/// handshake → SslFailedHandshake) when nothing came back in time. The stage's duration is from
/// sending the hello to the first answer record.
pub async fn browser_handshake(peer: SocketAddr, sni: &str, timeout: Duration) -> Stage<BrowserHelloDetail> {
    let hello = client_hello(sni, &mut Noise::new());
    let detail = |answer: Answer| BrowserHelloDetail {
        hello_bytes: hello.len(),
        group: answer.group.map(group_name),
        alert: answer.alert,
    };
    let start = Instant::now();
    let mut sent = None;
    let result = tokio::time::timeout(timeout, exchange(peer, &hello, &mut sent)).await;
    let (failure, message) = match result {
        Ok(Ok((duration, answer))) => return Stage::ok(duration, detail(answer)),
        Ok(Err(failed)) => failed,
        Err(_) => (
            Failure::GenericTimeoutError,
            format!("{peer}: no answer within {:.1} s", timeout.as_secs_f64()),
        ),
    };
    let mut stage = Stage::failed(sent.unwrap_or(start).elapsed(), failure, message);
    if sent.is_some() {
        stage.detail = Some(detail(Answer::default()));
    }
    stage
}

/// What the first answer said: the chosen group, or an alert.
#[derive(Debug, Default, PartialEq, Eq)]
struct Answer {
    group: Option<u16>,
    alert: Option<String>,
}

/// The first answer and when it came (from the hello sent), or why none came.
type Exchanged = Result<(Duration, Answer), (Failure, String)>;

/// Connects, sends the hello in one write (noting when in `sent`), and reads until the first
/// answer parses or is known not to be one.
async fn exchange(peer: SocketAddr, hello: &[u8], sent: &mut Option<Instant>) -> Exchanged {
    let io = |what: &'static str| move |e: io::Error| (Failure::from_io(&e), format!("{what} {peer}: {e}"));
    let mut stream = connect(peer).await.map_err(io("connecting to"))?;
    let start = Instant::now();
    *sent = Some(start);
    stream.write_all(hello).await.map_err(io("sending to"))?;
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        match parse_answer(&buf) {
            Parsed::Answer(answer) => return Ok((start.elapsed(), answer)),
            Parsed::Invalid(why) => return Err((Failure::SslFailedHandshake, format!("{peer}: {why}"))),
            Parsed::More if buf.len() >= ANSWER_CAP => {
                let why = format!("{peer}: no ServerHello in the first {ANSWER_CAP} bytes");
                return Err((Failure::SslFailedHandshake, why));
            }
            Parsed::More => {}
        }
        let room = (ANSWER_CAP - buf.len()).min(chunk.len());
        let read = stream.read(&mut chunk[..room]).await;
        let n = read.map_err(io("reading from"))?;
        if n == 0 {
            let why = match buf.len() {
                0 => format!("{peer} closed the connection without answering"),
                got => format!("{peer} closed the connection after {got} bytes of an answer"),
            };
            return Err((Failure::EofError, why));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// A fresh connection with Nagle's algorithm off, so the hello leaves at once.
async fn connect(peer: SocketAddr) -> io::Result<TcpStream> {
    let stream = socket(peer)?.connect(peer).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// A TCP socket whose MSS is clamped to [`MSS`] before connecting. The clamp is best effort: a
/// kernel that refuses it still carries the hello, in the segments its path makes.
#[cfg(unix)]
fn socket(peer: SocketAddr) -> io::Result<TcpSocket> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(Domain::for_address(peer), Type::STREAM, Some(Protocol::TCP))?;
    let _ = socket.set_tcp_mss(MSS);
    socket.set_nonblocking(true)?;
    Ok(TcpSocket::from_std_stream(socket.into()))
}

/// A TCP socket (no MSS clamp off Unix: the hello spans two segments on 1,500-byte paths).
#[cfg(not(unix))]
fn socket(peer: SocketAddr) -> io::Result<TcpSocket> {
    match peer {
        SocketAddr::V4(_) => TcpSocket::new_v4(),
        SocketAddr::V6(_) => TcpSocket::new_v6(),
    }
}

/// Unpredictable bytes for the hello's random, session id and shares (not secret: the
/// handshake is never finished). SipHash under std's randomly keyed `RandomState`, over a
/// counter that starts at the clock.
struct Noise(RandomState, u64);

impl Noise {
    fn new() -> Noise {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Noise(RandomState::new(), now.as_nanos() as u64)
    }

    fn next_u64(&mut self) -> u64 {
        self.1 = self.1.wrapping_add(1);
        self.0.hash_one(self.1)
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for chunk in out.chunks_mut(8) {
            chunk.copy_from_slice(&self.next_u64().to_le_bytes()[..chunk.len()]);
        }
        out
    }
}

/// The GREASE values of one hello (RFC 8701), as Chrome picks them, independently: cipher
/// suite, group, version, first and last extension (those two distinct).
fn grease(noise: &mut Noise) -> [u16; 5] {
    let mut values = [0; 5].map(|_: u16| 0x0A0A + 0x1010 * (noise.next_u64() % 16) as u16);
    if values[4] == values[3] {
        values[4] ^= 0x1010;
    }
    values
}

/// `body` after `prefix` and its length in `width` bytes (1, 2 or 3), big-endian.
fn framed(prefix: &[u8], width: usize, body: &[u8]) -> Vec<u8> {
    let len = (body.len() as u32).to_be_bytes();
    [prefix, &len[4 - width..], body].concat()
}

/// A list of 16-bit values after its length in `width` bytes.
fn u16_list(width: usize, values: &[u16]) -> Vec<u8> {
    let items: Vec<u8> = values.iter().flat_map(|v| v.to_be_bytes()).collect();
    framed(&[], width, &items)
}

/// The ClientHello record, shaped like Chrome's.
fn client_hello(sni: &str, noise: &mut Noise) -> Vec<u8> {
    let [suite, group, version, first, last] = grease(noise);
    let suites: Vec<u16> = std::iter::once(suite).chain(CHROME_SUITES).collect();
    let extensions = extensions(sni, [group, version, first, last], noise);
    let body = [
        &[3, 3][..],
        &noise.bytes::<32>(),
        &framed(&[], 1, &noise.bytes::<32>()),
        &u16_list(2, &suites),
        &[1, 0],
        &framed(&[], 2, &extensions),
    ];
    framed(&[22, 3, 1], 2, &framed(&[1], 3, &body.concat()))
}

/// The extensions, in Chrome's order before it began permuting them, with the GREASE values of
/// the group, the version and the first and last extensions.
fn extensions(sni: &str, [group, version, first, last]: [u16; 4], noise: &mut Noise) -> Vec<u8> {
    let mut out = Vec::with_capacity(1600);
    let mut put = |kind: u16, body: &[u8]| out.extend(framed(&kind.to_be_bytes(), 2, body));
    put(first, &[]);
    if let Some(name) = sni_name(sni) {
        put(0x0000, &framed(&[], 2, &framed(&[0], 2, name.as_bytes())));
    }
    put(0x0017, &[]); // extended_master_secret
    put(0xFF01, &[0]); // renegotiation_info, initial
    let groups = [group, X25519_MLKEM768, X25519, SECP256R1, SECP384R1];
    put(0x000A, &u16_list(2, &groups));
    put(0x000B, &[1, 0]); // ec_point_formats: uncompressed
    put(0x0023, &[]); // session_ticket
    put(0x0010, b"\x00\x0c\x02h2\x08http/1.1"); // ALPN: h2, http/1.1
    put(0x0005, &[1, 0, 0, 0, 0]); // status_request: OCSP
    put(0x000D, &u16_list(2, &CHROME_SIGNATURES));
    put(0x0012, &[]); // signed_certificate_timestamp
    put(0x0033, &key_share(group, noise));
    put(0x002D, &[1, 1]); // psk_key_exchange_modes: psk_dhe_ke
    put(0x002B, &u16_list(1, &[version, 0x0304, 0x0303]));
    put(0x001B, &[2, 0x00, 0x02]); // compress_certificate: brotli
    put(last, &[0]);
    out
}

/// The name sent as SNI: none for an IP literal or an empty name (as browsers do), without a
/// trailing dot.
fn sni_name(sni: &str) -> Option<&str> {
    let name = sni.strip_suffix('.').unwrap_or(sni);
    let literal = name.parse::<IpAddr>().is_ok() || name.trim_matches(['[', ']']).parse::<IpAddr>().is_ok();
    (!name.is_empty() && !literal && name.len() <= 253).then_some(name)
}

/// The key_share extension: a GREASE share of one zero byte, X25519MLKEM768 (the ML-KEM-768
/// encapsulation key, then an X25519 public key: 1,216 bytes), and x25519 (32 bytes).
fn key_share(grease: u16, noise: &mut Noise) -> Vec<u8> {
    let hybrid = [ml_kem_768_encapsulation_key(noise), noise.bytes::<32>().to_vec()].concat();
    let shares = [
        framed(&grease.to_be_bytes(), 2, &[0]),
        framed(&X25519_MLKEM768.to_be_bytes(), 2, &hybrid),
        framed(&X25519.to_be_bytes(), 2, &noise.bytes::<32>()),
    ];
    framed(&[], 2, &shares.concat())
}

/// A random ML-KEM-768 encapsulation key that passes FIPS 203's input check: 768 coefficients
/// below q = 3329, packed two to three bytes (ByteEncode₁₂), then a 32-byte rho (1,184 bytes).
fn ml_kem_768_encapsulation_key(noise: &mut Noise) -> Vec<u8> {
    let mut coefficients = Vec::with_capacity(ML_KEM_768_COEFFICIENTS);
    while coefficients.len() < ML_KEM_768_COEFFICIENTS {
        let word = noise.next_u64();
        for i in 0..5 {
            let c = ((word >> (12 * i)) & 0xFFF) as u16;
            if c < ML_KEM_Q && coefficients.len() < ML_KEM_768_COEFFICIENTS {
                coefficients.push(c);
            }
        }
    }
    let mut key = Vec::with_capacity(ML_KEM_768_COEFFICIENTS * 3 / 2 + 32);
    for pair in coefficients.chunks_exact(2) {
        let (a, b) = (pair[0], pair[1]);
        key.extend_from_slice(&[a as u8, ((a >> 8) | (b << 4)) as u8, (b >> 4) as u8]);
    }
    key.extend_from_slice(&noise.bytes::<32>());
    key
}

/// A bounds-checked reader of server bytes: every read says `None` when the bytes run out.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn u16(&mut self) -> Option<u16> {
        Some(self.take(2)?.iter().fold(0, |n, &b| (n << 8) | u16::from(b)))
    }

    /// A big-endian length of `width` bytes.
    fn len(&mut self, width: usize) -> Option<usize> {
        let bytes = self.take(width)?;
        Some(bytes.iter().fold(0, |n, &b| (n << 8) | usize::from(b)))
    }

    /// A vector after its length of `width` bytes.
    fn vec(&mut self, width: usize) -> Option<&'a [u8]> {
        let n = self.len(width)?;
        self.take(n)
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How far the bytes read so far go.
#[derive(Debug, PartialEq, Eq)]
enum Parsed {
    /// Not yet a whole first answer.
    More,
    Answer(Answer),
    /// Not a TLS server's first answer to a ClientHello.
    Invalid(String),
}

/// Parses the start of a server's answer: handshake records (reassembled, as a ServerHello may be
/// fragmented) up to a whole ServerHello, or an alert record.
fn parse_answer(buf: &[u8]) -> Parsed {
    let mut rest = buf;
    let mut handshake = Vec::new();
    loop {
        let Some((&[kind, major, _, hi, lo], after)) = rest.split_first_chunk::<5>() else {
            return Parsed::More;
        };
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        if !matches!(kind, 21 | 22) || major != 3 || len > MAX_RECORD {
            return Parsed::Invalid(format!("not a TLS record: the answer starts {:?}", excerpt(buf)));
        }
        let (body, next) = after.split_at_checked(len).unwrap_or((after, &[]));
        let complete = body.len() == len;
        if kind == 21 {
            return match body {
                [_, description, ..] => Parsed::Answer(Answer {
                    group: None,
                    alert: Some(alert_name(*description)),
                }),
                _ if complete => Parsed::Invalid(format!("a {len}-byte alert record")),
                _ => Parsed::More,
            };
        }
        handshake.extend_from_slice(body);
        if let Some(parsed) = first_message(&handshake) {
            return parsed;
        }
        if !complete {
            return Parsed::More;
        }
        rest = next;
    }
}

/// The first handshake message once it is whole (or known not to be a ServerHello).
fn first_message(handshake: &[u8]) -> Option<Parsed> {
    let mut r = Reader(handshake);
    let kind = r.u8()?;
    if kind != 2 {
        let why = format!("a handshake message of type {kind} first");
        return Some(Parsed::Invalid(why));
    }
    let len = r.len(3)?;
    if len > ANSWER_CAP {
        return Some(Parsed::Invalid(format!("a ServerHello of {len} bytes")));
    }
    let body = r.take(len)?;
    Some(match server_hello_group(body) {
        Ok(group) => Parsed::Answer(Answer { group, alert: None }),
        Err(why) => Parsed::Invalid(format!("a malformed ServerHello ({why})")),
    })
}

/// The group a ServerHello's key_share names (a HelloRetryRequest's selected group); `None`
/// without one (TLS 1.2).
fn server_hello_group(body: &[u8]) -> Result<Option<u16>, &'static str> {
    let mut r = Reader(body);
    r.u16().ok_or("no version")?;
    let retry = r.take(32).ok_or("no random")? == HRR_RANDOM;
    let session = r.vec(1).ok_or("no session id")?;
    if session.len() > 32 {
        return Err("a session id over 32 bytes");
    }
    r.u16().ok_or("no cipher suite")?;
    r.u8().ok_or("no compression method")?;
    if r.is_empty() {
        return Ok(None);
    }
    let mut extensions = Reader(r.vec(2).ok_or("truncated extensions")?);
    let mut group = None;
    while !extensions.is_empty() {
        let kind = extensions.u16().ok_or("a truncated extension")?;
        let data = extensions.vec(2).ok_or("a truncated extension")?;
        if kind == 0x0033 {
            let mut share = Reader(data);
            group = Some(share.u16().ok_or("an empty key_share")?);
            let whole = if retry {
                share.is_empty()
            } else {
                share.vec(2).is_some_and(|k| !k.is_empty()) && share.is_empty()
            };
            if !whole {
                return Err("a malformed key_share");
            }
        }
    }
    Ok(group)
}

/// The start of an answer that is not TLS, printable characters kept.
fn excerpt(buf: &[u8]) -> String {
    let printable = |&b: &u8| char::from(if (b' '..=b'~').contains(&b) { b } else { b'.' });
    buf.iter().take(24).map(printable).collect()
}

/// Key exchange groups by IANA codepoint.
#[rustfmt::skip]
const GROUPS: [(u16, &str); 23] = [
    (0x0017, "secp256r1"), (0x0018, "secp384r1"), (0x0019, "secp521r1"), (0x001D, "x25519"),
    (0x001E, "x448"), (0x001A, "brainpoolP256r1"), (0x001B, "brainpoolP384r1"),
    (0x001C, "brainpoolP512r1"), (0x001F, "brainpoolP256r1tls13"), (0x0020, "brainpoolP384r1tls13"),
    (0x0021, "brainpoolP512r1tls13"), (0x0100, "ffdhe2048"), (0x0101, "ffdhe3072"),
    (0x0102, "ffdhe4096"), (0x0103, "ffdhe6144"), (0x0104, "ffdhe8192"), (0x0200, "MLKEM512"),
    (0x0201, "MLKEM768"), (0x0202, "MLKEM1024"), (0x11EB, "SecP256r1MLKEM768"),
    (0x11EC, "X25519MLKEM768"), (0x11ED, "SecP384r1MLKEM1024"), (0x6399, "X25519Kyber768Draft00"),
];

/// A key exchange group's IANA name ("x25519", "X25519MLKEM768", …), "GREASE" for the reserved
/// values (RFC 8701), or the codepoint in hex ("0x1234").
pub fn group_name(code: u16) -> String {
    match GROUPS.iter().find(|(c, _)| *c == code) {
        Some((_, name)) => (*name).to_string(),
        None if code & 0x0F0F == 0x0A0A && code >> 12 == (code >> 4) & 0xF => "GREASE".to_string(),
        None => format!("0x{code:04x}"),
    }
}

/// Alert descriptions by number (RFC 8446 and the TLS registry).
#[rustfmt::skip]
const ALERTS: [(u8, &str); 35] = [
    (0, "close_notify"), (10, "unexpected_message"), (20, "bad_record_mac"), (21, "decryption_failed"),
    (22, "record_overflow"), (30, "decompression_failure"), (40, "handshake_failure"),
    (41, "no_certificate"), (42, "bad_certificate"), (43, "unsupported_certificate"),
    (44, "certificate_revoked"), (45, "certificate_expired"), (46, "certificate_unknown"),
    (47, "illegal_parameter"), (48, "unknown_ca"), (49, "access_denied"), (50, "decode_error"),
    (51, "decrypt_error"), (60, "export_restriction"), (70, "protocol_version"),
    (71, "insufficient_security"), (80, "internal_error"), (86, "inappropriate_fallback"),
    (90, "user_canceled"), (100, "no_renegotiation"), (109, "missing_extension"),
    (110, "unsupported_extension"), (111, "certificate_unobtainable"), (112, "unrecognized_name"),
    (113, "bad_certificate_status_response"), (114, "bad_certificate_hash_value"),
    (115, "unknown_psk_identity"), (116, "certificate_required"), (120, "no_application_protocol"),
    (121, "ech_required"),
];

/// An alert description's name, or "alert_<n>" for one the registry does not know.
fn alert_name(code: u8) -> String {
    match ALERTS.iter().find(|(c, _)| *c == code) {
        Some((_, name)) => (*name).to_string(),
        None => format!("alert_{code}"),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use tokio::net::TcpListener;

    use super::*;

    /// A list of `(u16, vector)` entries (extensions, key shares), read with the module's reader.
    fn entries(data: &[u8]) -> Vec<(u16, &[u8])> {
        let mut r = Reader(data);
        std::iter::from_fn(|| Some((r.u16()?, r.vec(2).expect("entry")))).collect()
    }

    /// The extensions of a ClientHello record, its other fields checked on the way.
    fn hello_extensions(record: &[u8]) -> Vec<(u16, &[u8])> {
        let mut r = Reader(record);
        assert_eq!(r.take(3), Some(&[22, 3, 1][..]));
        let mut handshake = Reader(r.vec(2).expect("record"));
        assert!(r.is_empty() && handshake.u8() == Some(1));
        let mut body = Reader(handshake.vec(3).expect("handshake"));
        assert!(body.u16() == Some(0x0303) && body.take(32).is_some());
        let lengths = [body.vec(1), body.vec(2), body.vec(1)].map(|v| v.map(<[u8]>::len));
        assert_eq!(
            lengths,
            [Some(32), Some(32), Some(1)],
            "session id, suites, nulls"
        );
        let extensions = entries(body.vec(2).expect("extensions"));
        assert!(body.is_empty() && handshake.is_empty());
        extensions
    }

    #[test]
    fn the_hello_is_browser_sized_and_parses_back() {
        let hello = client_hello("chatgpt.com.", &mut Noise::new());
        assert!(hello.len() > 1500, "{} bytes", hello.len());
        let extensions = hello_extensions(&hello);
        let kinds: Vec<String> = extensions.iter().map(|e| format!("{:04x}", e.0)).collect();
        let (first, last) = (extensions[0].0, extensions[extensions.len() - 1].0);
        assert!(group_name(first) == "GREASE" && group_name(last) == "GREASE" && first != last);
        let chrome = "0000 0017 ff01 000a 000b 0023 0010 0005 000d 0012 0033 002d 002b 001b";
        assert_eq!(kinds[1..kinds.len() - 1].join(" "), chrome);
        let extension = |kind| extensions.iter().find(|e| e.0 == kind).expect("present").1;
        assert_eq!(&extension(0x0000)[5..], b"chatgpt.com");
        assert_eq!(&extension(0x000A)[4..], [0x11, 0xEC, 0, 0x1D, 0, 0x17, 0, 0x18]);
        let shares = entries(&extension(0x0033)[2..]);
        let shares: Vec<_> = shares.iter().map(|(g, s)| (group_name(*g), s.len())).collect();
        let expected = [("GREASE", 1), ("X25519MLKEM768", 1216), ("x25519", 32)];
        assert_eq!(shares, expected.map(|(g, n)| (g.to_string(), n)));
        let key = &entries(&extension(0x0033)[2..])[1].1[..1152];
        // ByteDecode₁₂ (FIPS 203): coefficient i is bits 12i..12i+12, least significant first.
        let bit = |n: usize| u16::from(key[n / 8] >> (n % 8) & 1);
        assert!((0..768).all(|i| (0..12).map(|b| bit(12 * i + b) << b).sum::<u16>() < ML_KEM_Q));
        // An address sends no SNI; two hellos differ.
        let literal = client_hello("127.0.0.1", &mut Noise::new());
        assert!(hello_extensions(&literal).iter().all(|e| e.0 != 0x0000));
        let [a, b] = [(); 2].map(|()| client_hello("a.test", &mut Noise::new()));
        assert_ne!(a, b);
    }

    /// A rustls server (ring: no ML-KEM) with a certificate for `name`. It sends what rustls read
    /// of the hello: the SNI and whether X25519MLKEM768 was offered.
    async fn rustls_server(name: &str) -> (SocketAddr, tokio::sync::oneshot::Receiver<(String, bool)>) {
        let key = rcgen::KeyPair::generate().expect("key");
        let params = rcgen::CertificateParams::new(vec![name.to_string()]).expect("params");
        let cert = params.self_signed(&key).expect("certificate").der().clone();
        let key = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der()).into();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|c| c.with_no_client_auth().with_single_cert(vec![cert], key));
        let config = Arc::new(config.expect("config"));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (tcp, _) = listener.accept().await.expect("accept");
            let lazy = tokio_rustls::LazyConfigAcceptor::new(rustls::server::Acceptor::default(), tcp);
            let start = lazy.await.expect("rustls accepts the hello");
            let hello = start.client_hello();
            let groups = hello.named_groups().unwrap_or_default();
            let pq = groups.contains(&rustls::NamedGroup::X25519MLKEM768);
            let _ = tx.send((hello.server_name().unwrap_or_default().to_string(), pq));
            let _ = start.into_stream(config).await;
        });
        (addr, rx)
    }

    #[tokio::test]
    async fn a_rustls_server_answers_and_chooses_x25519() {
        let (addr, seen) = rustls_server("api.openai.test").await;
        let stage = browser_handshake(addr, "api.openai.test", Duration::from_secs(5)).await;
        assert!(stage.is_ok(), "{:?}", stage.outcome);
        let detail = stage.detail.expect("detail");
        assert!(detail.hello_bytes > 1500 && detail.alert.is_none());
        assert_eq!(detail.group.as_deref(), Some("x25519"));
        assert_eq!(seen.await.expect("seen"), ("api.openai.test".to_string(), true));
    }

    /// On Linux the connection's MSS is clamped, so the hello takes two segments on loopback.
    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn the_mss_is_clamped() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let stream = connect(addr).await.expect("connect");
        let mss = socket2::SockRef::from(&stream).tcp_mss().expect("mss");
        assert!(mss <= MSS && stream.nodelay().expect("nodelay"), "{mss}");
    }

    /// A ServerHello record with `random` and a key_share extension of `share`.
    fn server_hello(random: [u8; 32], share: &[u8]) -> Vec<u8> {
        let extensions = [framed(&[0, 0x2B], 2, &[3, 4]), framed(&[0, 0x33], 2, share)].concat();
        let head = [&[3, 3][..], &random, &framed(&[], 1, &[7; 32]), &[0x13, 1, 0]].concat();
        let body = framed(&head, 2, &extensions);
        framed(&[22, 3, 3], 2, &framed(&[2], 3, &body))
    }

    /// The parse of `buf` in a few words: "group x25519", "alert handshake_failure", "more", …
    fn parsed(buf: &[u8]) -> String {
        match parse_answer(buf) {
            Parsed::Answer(Answer { alert: Some(a), .. }) => format!("alert {a}"),
            Parsed::Answer(Answer { group, .. }) => format!("group {:?}", group.map(group_name)),
            Parsed::More => "more".to_string(),
            Parsed::Invalid(why) => format!("invalid: {why}"),
        }
    }

    #[test]
    fn crafted_answers_name_the_group_or_the_alert() {
        let hello = server_hello([1; 32], &framed(&[0x11, 0xEC], 2, &[9; 1120]));
        assert_eq!(parsed(&hello), r#"group Some("X25519MLKEM768")"#);
        assert!((0..hello.len()).all(|n| parsed(&hello[..n]) == "more"));
        let (a, b) = hello[5..].split_at(700);
        let fragmented = [framed(&[22, 3, 3], 2, a), framed(&[22, 3, 3], 2, b)].concat();
        assert_eq!(parsed(&fragmented), r#"group Some("X25519MLKEM768")"#);
        let retry = server_hello(HRR_RANDOM, &[0x00, 0x17]);
        assert_eq!(parsed(&retry), r#"group Some("secp256r1")"#);
        let bare = server_hello([1; 32], &[0x00, 0x17]);
        assert!(parsed(&bare).starts_with("invalid: a malformed ServerHello"));
        assert_eq!(parsed(&[21, 3, 3, 0, 2, 2, 40]), "alert handshake_failure");
        assert_eq!(parsed(&[21, 3, 3, 0, 2, 2, 250]), "alert alert_250");
        let garbage = parsed(b"HTTP/1.1 400 Bad Request\r\n\r\n");
        assert!(garbage.starts_with("invalid: not a TLS record") && garbage.contains("HTTP/1.1"));
        let names = [0x001D, 0x0017, 0x2A2A, 0x1234].map(group_name);
        assert_eq!(names, ["x25519", "secp256r1", "GREASE", "0x1234"]);
    }

    /// The failure (300 ms) against a loopback server that reads the hello, then does `then`.
    async fn against<F: Future<Output = ()> + Send + 'static>(then: fn(TcpStream) -> F) -> &'static str {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move {
            let (mut tcp, _) = listener.accept().await.expect("accept");
            let _ = tcp.read(&mut [0u8; 4096]).await;
            then(tcp).await;
        });
        let stage = browser_handshake(addr, "chatgpt.com", Duration::from_millis(300)).await;
        let sent = stage.detail.is_some_and(|d| d.hello_bytes > 1500);
        assert!(sent && stage.duration.is_some_and(|d| d < Duration::from_millis(400)));
        stage.outcome.failure().map_or("ok", Failure::as_str)
    }

    #[tokio::test]
    async fn silence_reset_close_and_garbage_are_failures() {
        let started = Instant::now();
        let silent =
            against(|mut tcp| async move { while tcp.read(&mut [0u8; 4096]).await.is_ok_and(|n| n > 0) {} });
        assert_eq!(silent.await, "generic_timeout_error");
        let took = started.elapsed();
        assert!(took < Duration::from_secs(2), "{took:?}");
        let reset = against(|tcp| async move { tcp.set_zero_linger().expect("linger") });
        assert_eq!(reset.await, "connection_reset");
        assert_eq!(against(|tcp| async move { drop(tcp) }).await, "eof_error");
        let garbage = against(|mut tcp| async move {
            let _ = tcp.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
        });
        assert_eq!(garbage.await, "ssl_failed_handshake");
    }

    /// A few thousand deterministic pseudo-random answers, whole and cut: random bytes, record
    /// headers followed by noise, a valid ServerHello with bytes changed.
    #[test]
    fn random_and_truncated_answers_never_panic() {
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let valid = server_hello([3; 32], &framed(&[0x00, 0x1D], 2, &[5; 32]));
        for _ in 0..5000 {
            let starts: [&[u8]; 4] = [&[], &[22, 3, 3], &[21, 3, 3], &valid];
            let mut buf = starts[next() as usize % 4].to_vec();
            buf.extend((0..next() % 80).map(|_| next() as u8));
            for _ in 0..next() % 4 {
                let i = next() as usize % buf.len().max(1);
                if let Some(b) = buf.get_mut(i) {
                    *b = next() as u8;
                }
            }
            let cut = next() as usize % (buf.len() + 1);
            let (_, _) = (parse_answer(&buf[..cut]), parse_answer(&buf));
        }
    }
}
