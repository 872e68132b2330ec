//! A plain HTTP/1.1 client over a socket, for `tayoka serve` and for
//! chromedriver's WebDriver API: nothing between the test and the bytes.

use std::io::{Read, Write};
use std::net::TcpStream;

/// One request to `host` (`127.0.0.1:PORT`) with the given headers; the
/// status, the response's headers and its body's bytes.
pub fn exchange(
    host: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(host).unwrap();
    let mut request = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(request.as_bytes()).unwrap();
    // The server may answer before reading an oversized body.
    let _ = stream.write_all(body);
    // Read to the end, or as far as Content-Length says (chromedriver
    // keeps the connection open after its answer).
    let mut response = Vec::new();
    let mut chunk = [0u8; 16384];
    let (split, head) = loop {
        if let Some(i) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            break (
                i + 4,
                String::from_utf8_lossy(&response[..i + 4]).into_owned(),
            );
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => {
                break (
                    response.len(),
                    String::from_utf8_lossy(&response).into_owned(),
                );
            }
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
    };
    let length = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse::<usize>().ok())?
    });
    match length {
        Some(n) => {
            while response.len() < split + n {
                match stream.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => response.extend_from_slice(&chunk[..k]),
                }
            }
        }
        None => {
            let _ = stream.read_to_end(&mut response);
        }
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut body = response[split..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = unchunk(&body);
    }
    (status, head, body)
}

/// A chunked body's bytes.
fn unchunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let end = (start + size).min(rest.len());
        out.extend_from_slice(&rest[start..end]);
        rest = &rest[(end + 2).min(rest.len())..];
    }
    out
}

/// A free port on the loopback address (the OS's pick, released for the
/// caller to bind).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
