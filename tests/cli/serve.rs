//! `tayoka serve` over HTTP as a script or the page uses it: the printed
//! address, the token, the `Host` check, body limits, overrides validated
//! as `--set` is, an infeasible setting, concurrent requests, and plans
//! that equal `tayoka solve`'s.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::common::{scenarios, tayoka};

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    host: String,
    token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tayoka"))
        .arg("serve")
        .args(args)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim();
    let rest = url.strip_prefix("http://127.0.0.1:").expect(url);
    let (port, token) = rest.split_once("/?token=").expect(url);
    assert_eq!(token.len(), 32, "{url}");
    Server {
        child,
        host: format!("127.0.0.1:{port}"),
        token: token.to_string(),
    }
}

fn gov() -> String {
    scenarios()
        .join("japan-gov-2027.toml")
        .to_string_lossy()
        .into_owned()
}

/// One HTTP/1.1 request with the given headers; the status and body.
fn http(
    server: &Server,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.host).unwrap();
    let mut request = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(request.as_bytes()).unwrap();
    // The server may answer before reading an oversized body.
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn solve_request(server: &Server, body: &str) -> (u16, String) {
    let bearer = format!("Bearer {}", server.token);
    let host = server.host.clone();
    http(
        server,
        "POST",
        "/api/solve",
        &[
            ("Host", &host),
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
}

/// The body of a chunked or plain response as JSON.
fn json(body: &str) -> serde_json::Value {
    let start = body.find('{').unwrap_or(0);
    let end = body.rfind('}').map_or(body.len(), |e| e + 1);
    serde_json::from_str(&body[start..end]).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn a_request_without_the_token_or_from_a_foreign_host_is_refused() {
    let server = start(&[&gov()]);
    let host = server.host.clone();
    let bearer = format!("Bearer {}", server.token);
    let with_query = format!("/api/scenario?token={}", server.token);
    // No token, a wrong one, the right one by header and by query.
    assert_eq!(http(&server, "GET", "/", &[("Host", &host)], b"").0, 403);
    let wrong = format!("Bearer {}", "0".repeat(32));
    assert_eq!(
        http(
            &server,
            "GET",
            "/api/scenario",
            &[("Host", &host), ("Authorization", &wrong)],
            b""
        )
        .0,
        403
    );
    assert_eq!(
        http(
            &server,
            "GET",
            "/api/scenario",
            &[("Host", &host), ("Authorization", &bearer)],
            b""
        )
        .0,
        200
    );
    assert_eq!(
        http(&server, "GET", &with_query, &[("Host", &host)], b"").0,
        200
    );
    // DNS rebinding: the right token under a foreign Host.
    assert_eq!(
        http(
            &server,
            "GET",
            &with_query,
            &[("Host", "evil.example:80")],
            b""
        )
        .0,
        403
    );
    let (status, body) = http(
        &server,
        "POST",
        "/api/solve",
        &[("Host", "evil.example"), ("Authorization", &bearer)],
        b"{}",
    );
    assert_eq!(status, 403, "{body}");
    // The page itself, with the token.
    let page = format!("/?token={}", server.token);
    let (status, body) = http(&server, "GET", &page, &[("Host", &host)], b"");
    assert_eq!(status, 200);
    assert!(body.contains("/api/solve"));
}

#[test]
fn a_solve_answers_what_tayoka_solve_writes() {
    let server = start(&[&gov()]);
    let (status, body) = solve_request(&server, r#"{"set": {"policy.limits.us.max_share": 0.4}}"#);
    assert_eq!(status, 200, "{body}");
    let served = json(&body);
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path())
        .args([
            "solve",
            &gov(),
            "--set",
            "policy.limits.us.max_share=0.4",
            "--format",
            "json",
            "--out",
            "o",
        ])
        .output()
        .unwrap();
    let solved: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(served["shares"], solved["shares"]);
    assert_eq!(served["metrics"], solved["metrics"]);
    assert_eq!(served["binding"], solved["binding"]);
    // The cap holds: the US at 40% at most.
    let us = served["shares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["dimension"] == "country")
        .unwrap()["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "US")
        .unwrap()["volume_share"]
        .as_f64()
        .unwrap();
    assert!(us <= 0.4 + 1e-9, "{us}");
}

#[test]
fn bad_requests_get_400_or_413_with_the_message_set_gives() {
    let server = start(&[&gov()]);
    let (status, body) = solve_request(&server, r#"{"set": {"policy.limits.us.max_sharex": 0.4}}"#);
    assert_eq!(status, 400);
    let dir = tempfile::tempdir().unwrap();
    let cli = tayoka(dir.path())
        .args([
            "solve",
            &gov(),
            "--set",
            "policy.limits.us.max_sharex=0.4",
            "--out",
            "o",
        ])
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&cli.stderr);
    let message = json(&body)["error"].as_str().unwrap().to_string();
    assert!(message.contains("did you mean `max_share`?"), "{message}");
    assert!(
        printed.contains(message.lines().next().unwrap()),
        "{printed}\n---\n{message}"
    );
    // Not JSON, an unknown key, a value no override takes.
    assert_eq!(solve_request(&server, "not json").0, 400);
    assert_eq!(solve_request(&server, r#"{"sets": {}}"#).0, 400);
    assert_eq!(
        solve_request(&server, r#"{"set": {"policy.budget": {"a": 1}}}"#).0,
        400
    );
    // A body over the limit.
    let big = format!(
        r#"{{"variant": "{}"}}"#,
        "x".repeat(tayoka::serve::BODY_LIMIT)
    );
    assert_eq!(solve_request(&server, &big).0, 413);
}

#[test]
fn an_infeasible_setting_answers_with_the_diagnosis_and_its_suggestion_works() {
    let server = start(&[&gov()]);
    let (status, body) = solve_request(&server, r#"{"set": {"policy.budget": 1}}"#);
    assert_eq!(status, 200);
    let answer = json(&body);
    assert_eq!(answer["status"], "infeasible");
    let bend = &answer["diagnosis"]["relaxations"][0]["bends"][0];
    assert_eq!(bend["path"], "policy.budget");
    // The suggested budget gives a plan.
    let suggested = bend["suggested"].as_f64().unwrap();
    let (status, body) = solve_request(
        &server,
        &format!(r#"{{"set": {{"policy.budget": {suggested}}}}}"#),
    );
    assert_eq!(status, 200);
    assert!(json(&body)["metrics"]["total_cost"].as_f64().unwrap() <= suggested);
}

#[test]
fn concurrent_requests_each_get_their_own_plan() {
    let server = start(&[&gov()]);
    let caps = [0.3, 0.4, 0.5, 0.6];
    let answers: Vec<(f64, f64)> = std::thread::scope(|scope| {
        let handles: Vec<_> = caps
            .iter()
            .map(|&cap| {
                let server = &server;
                scope.spawn(move || {
                    let (status, body) = solve_request(
                        server,
                        &format!(r#"{{"set": {{"policy.limits.any-provider.max_share": {cap}}}}}"#),
                    );
                    assert_eq!(status, 200, "{body}");
                    let overrides = json(&body)["overrides"][0]["value"].as_f64().unwrap();
                    (cap, overrides)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (asked, answered) in answers {
        assert_eq!(asked, answered);
    }
}

#[test]
fn the_help_examples_start_a_server_that_prints_its_address() {
    // As printed in `serve --help`, each with a free port instead.
    let server = start(&[&gov(), "--lang", "ja"]);
    let bearer = format!("Bearer {}", server.token);
    let host = server.host.clone();
    let (status, body) = http(
        &server,
        "GET",
        "/api/scenario",
        &[("Host", &host), ("Authorization", &bearer)],
        b"",
    );
    assert_eq!(status, 200);
    assert_eq!(json(&body)["lang"], "ja");
    let minimal = scenarios()
        .join("minimal.toml")
        .to_string_lossy()
        .into_owned();
    let server = start(&[&minimal, "--variant", "cost"]);
    let bearer = format!("Bearer {}", server.token);
    let host = server.host.clone();
    let (_, body) = http(
        &server,
        "GET",
        "/api/scenario",
        &[("Host", &host), ("Authorization", &bearer)],
        b"",
    );
    assert_eq!(json(&body)["variant"], "cost");
}

#[test]
fn a_time_limit_that_allows_no_solve_is_refused_before_serving() {
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path())
        .args(["serve", &gov(), "--time-limit", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--time-limit 0: a solve needs a positive number of seconds")
    );
}
