//! `tayoka serve` over HTTP as a script or the page uses it: the printed
//! address, the token, the `Host` check, body limits, overrides validated
//! as `--set` is, an infeasible setting, concurrent requests, and plans
//! that equal `tayoka solve`'s.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::common::{scenarios, tayoka};

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub host: String,
    pub token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(args: &[&str]) -> Server {
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

pub fn gov() -> String {
    scenarios()
        .join("japan-gov-2027.toml")
        .to_string_lossy()
        .into_owned()
}

/// One request to the server; the status, the response's headers and its
/// body's bytes.
fn exchange(
    server: &Server,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    crate::http::exchange(&server.host, method, target, headers, body)
}

/// [`exchange`]'s status and body as text.
fn http(
    server: &Server,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let (status, _, body) = exchange(server, method, target, headers, body);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// A POST of `body` to `target` with the token, as the page sends it.
fn post(server: &Server, target: &str, body: &str) -> (u16, String, Vec<u8>) {
    let bearer = format!("Bearer {}", server.token);
    let host = server.host.clone();
    exchange(
        server,
        "POST",
        target,
        &[
            ("Host", &host),
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
}

fn solve_request(server: &Server, body: &str) -> (u16, String) {
    let (status, _, body) = post(server, "/api/solve", body);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// A response's body as JSON.
fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
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

/// `tayoka solve` with the US capped at 40%, into `dir/o`; its JSON.
fn solve_us_40(dir: &std::path::Path) -> serde_json::Value {
    let out = tayoka(dir)
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
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_solve_answers_what_tayoka_solve_writes() {
    let server = start(&[&gov()]);
    let us_40 = r#"{"set": {"policy.limits.us.max_share": 0.4}}"#;
    let (status, body) = solve_request(&server, us_40);
    assert_eq!(status, 200, "{body}");
    let served = json(&body);
    let dir = tempfile::tempdir().unwrap();
    let solved = solve_us_40(dir.path());
    // plan.json whole: the answer, metrics, shares, allocation, binding.
    assert_eq!(served, solved);
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
fn the_page_view_and_the_exports_are_the_files_tayoka_solve_writes() {
    let server = start(&[&gov()]);
    let dir = tempfile::tempdir().unwrap();
    let solved = solve_us_40(dir.path());
    let folder = dir.path().join("o");
    let (status, body) = solve_request(
        &server,
        r#"{"set": {"policy.limits.us.max_share": 0.4}, "view": true, "session": "s1"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let mut served = json(&body);
    let view = served["view"].take();
    served.as_object_mut().unwrap().remove("view");
    assert_eq!(served, solved);
    // The charts are the run's SVG files, byte for byte.
    let charts = view["charts"].as_array().unwrap();
    let names: Vec<&str> = charts.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["allocation", "shares", "concentration"]);
    for c in charts {
        let file = folder.join(format!("{}.svg", c["name"].as_str().unwrap()));
        assert_eq!(c["svg"], std::fs::read_to_string(file).unwrap());
    }
    // The answer and what holds the plan are the report's sentences.
    let report = std::fs::read_to_string(folder.join("report.html")).unwrap();
    let answer = view["answer"].as_array().unwrap();
    assert!(
        answer[0]
            .as_str()
            .unwrap()
            .starts_with("From today's split to the plan")
    );
    let holds = view["holds"].as_array().unwrap();
    assert!(
        holds[0]
            .as_str()
            .unwrap()
            .starts_with("limit 'us' (country US, max_share 40%) binds")
    );
    for sentence in answer.iter().chain(holds) {
        let sentence = sentence.as_str().unwrap();
        assert!(report.contains(sentence), "{sentence}");
    }
    // The exports are the run's report and workbook, byte for byte.
    let us_40 = r#"{"set": {"policy.limits.us.max_share": 0.4}}"#;
    let (status, head, html) = post(&server, "/api/report", us_40);
    assert_eq!(status, 200);
    assert!(
        head.contains("attachment; filename=\"report.html\""),
        "{head}"
    );
    assert!(html == report.as_bytes(), "report.html differs");
    let (status, head, book) = post(&server, "/api/workbook", us_40);
    assert_eq!(status, 200);
    assert!(head.contains("filename=\"plan.xlsx\""), "{head}");
    assert!(book == std::fs::read(folder.join("plan.xlsx")).unwrap());
    // An infeasible setting exports its diagnosis; a bad one is 400.
    let (status, head, _) = post(&server, "/api/workbook", r#"{"set": {"policy.budget": 1}}"#);
    assert_eq!(status, 200);
    assert!(head.contains("filename=\"diagnosis.xlsx\""), "{head}");
    assert_eq!(post(&server, "/api/report", r#"{"set": {"x": 1}}"#).0, 400);
}

#[test]
fn a_newer_request_of_a_session_supersedes_the_one_being_solved() {
    // The first request is a branch and bound of many seconds; the second,
    // of its session, an infeasible budget diagnosed in about one. Without
    // the stop the first would end long after the second.
    let integer = crate::common::data().join("integer-200.toml");
    let integer = integer.to_string_lossy();
    let server = start(&[&integer, "--time-limit", "60"]);
    let infeasible = r#"{"session": "s", "set": {"policy.budget": 1}}"#;
    let (first, first_at, second, second_at) = std::thread::scope(|scope| {
        let first = scope.spawn(|| {
            let answer = solve_request(&server, r#"{"session": "s", "set": {}}"#);
            (answer, std::time::Instant::now())
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        let second = solve_request(&server, infeasible);
        let second_at = std::time::Instant::now();
        let (first, first_at) = first.join().unwrap();
        (first, first_at, second, second_at)
    });
    assert_eq!(first.0, 409, "{}", first.1);
    assert_eq!(json(&first.1)["status"], "superseded");
    // The older one stopped when the newer one came, not at its own end.
    assert!(first_at < second_at);
    assert_eq!(second.0, 200, "{}", second.1);
    assert_eq!(json(&second.1)["status"], "infeasible");
    // Another session's request is not superseded; nor one without a session.
    let other = r#"{"session": "t", "set": {"policy.budget": 1}}"#;
    assert_eq!(solve_request(&server, other).0, 200);
    let long = format!(r#"{{"session": "{}"}}"#, "s".repeat(65));
    assert_eq!(solve_request(&server, &long).0, 400);
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

#[test]
fn a_second_server_on_a_taken_port_says_so_and_how_to_pick_another() {
    let first = start(&[&gov()]);
    let port = first.host.rsplit(':').next().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tayoka"))
        .args(["serve", &gov(), "--port", port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}: "))
            && err.contains("name another --port, or --port 0 for a free one"),
        "{err}"
    );
    // The first one serves on.
    assert_eq!(solve_request(&first, "{}").0, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_even_while_it_solves() {
    let integer = crate::common::data().join("integer-200.toml");
    let mut server = start(&[&integer.to_string_lossy(), "--time-limit", "60"]);
    std::thread::scope(|scope| {
        // A request still solving when the signal comes: its connection
        // ends with the process, not with an answer.
        let (host, bearer) = (server.host.clone(), format!("Bearer {}", server.token));
        let pending = scope.spawn(move || {
            let headers = [("Host", host.as_str()), ("Authorization", bearer.as_str())];
            crate::http::exchange(&host, "POST", "/api/solve", &headers, b"{}")
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        let pid = server.child.id() as libc::pid_t;
        // SAFETY: kill(2) on our own child's pid; no memory is shared.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let status = server.child.wait().unwrap();
        assert_eq!(status.code(), Some(130));
        assert_eq!(pending.join().unwrap().0, 0);
    });
    // The port is free again.
    let port: u16 = server.host.rsplit(':').next().unwrap().parse().unwrap();
    assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok());
}
