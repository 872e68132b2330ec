//! `tayoka serve`'s page in real Chromium, driven over WebDriver by
//! chromedriver: the page opens, the US cap moves, the shares it shows are
//! those `tayoka solve --set` writes, a cut-off applies, and a screenshot
//! is taken. Needs `chromium` and `chromium-driver` (Debian), so it is left
//! out of `cargo test`; `.ci/run` installs both and runs it.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::tayoka;
use crate::http::{exchange, free_port};
use crate::serve::{gov, start};

/// chromedriver on a port of its own, stopped when dropped.
struct Driver {
    child: Child,
    host: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Driver {
        let program = std::env::var("TAYOKA_CHROMEDRIVER").unwrap_or("chromedriver".into());
        let port = free_port();
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {program} ({e}): install Debian's chromium-driver, or set TAYOKA_CHROMEDRIVER")
            });
        let driver = Driver {
            child,
            host: format!("127.0.0.1:{port}"),
        };
        wait_for("chromedriver to listen", || {
            std::net::TcpStream::connect(&driver.host).is_ok()
        });
        driver
    }

    /// A WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let body = body.to_string();
        let host = self.host.clone();
        let (status, _, bytes) = exchange(
            &self.host,
            method,
            path,
            &[("Host", &host), ("Content-Type", "application/json")],
            if method == "GET" {
                b""
            } else {
                body.as_bytes()
            },
        );
        let answer: Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&bytes)));
        assert_eq!(status, 200, "{method} {path}: {answer}");
        answer["value"].clone()
    }
}

/// One browser window of a WebDriver session.
struct Browser<'a> {
    driver: &'a Driver,
    session: String,
}

impl Browser<'_> {
    fn open(driver: &Driver) -> Browser<'_> {
        let mut options = json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,2400"]
        });
        if let Ok(binary) = std::env::var("TAYOKA_BROWSER") {
            options["binary"] = json!(binary);
        }
        let value = driver.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}}),
        );
        Browser {
            driver,
            session: value["sessionId"].as_str().unwrap().to_string(),
        }
    }

    /// A window at the server's page, its first plan shown.
    fn at_page<'a>(driver: &'a Driver, server: &crate::serve::Server) -> Browser<'a> {
        let browser = Browser::open(driver);
        let url = format!("http://{}/?token={}", server.host, server.token);
        browser.call("POST", "/url", json!({ "url": url }));
        browser.shows(json!({}));
        browser
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.driver.call(method, &path, body)
    }

    fn script(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": args}),
        )
    }

    /// The element a CSS selector finds first.
    fn find(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_string()
    }

    /// Waits until the page shows the plan for exactly these overrides.
    fn shows(&self, set: Value) {
        wait_for(&format!("the page to show {set}"), || {
            self.script("return window.tayokaShown || null;", json!([]))["set"] == set
                && self.script(
                    "return document.getElementById('status').textContent;",
                    json!([]),
                ) != "Solving…"
        });
    }

    /// The provider shares table as (provider, shown share).
    fn shares(&self) -> Vec<(String, String)> {
        let rows = self.script(
            "return [...document.querySelectorAll('#shares tbody tr')].map((r) => [r.dataset.provider, r.cells[1].textContent]);",
            json!([]),
        );
        serde_json::from_value(rows).unwrap()
    }
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        let host = self.driver.host.clone();
        let _ = exchange(&self.driver.host, "DELETE", &path, &[("Host", &host)], b"");
    }
}

/// Polls `ready` until it holds (a stuck page fails after two minutes).
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(120);
    while !ready() {
        assert!(Instant::now() < until, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The provider shares `tayoka solve --set ...` gives, as the page shows
/// them (one decimal of a percent).
fn solved_shares(sets: &[&str]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = tayoka(dir.path());
    cmd.args(["solve", &gov(), "--format", "json", "--out", "o"]);
    for s in sets {
        cmd.args(["--set", s]);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let provider = plan["shares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["dimension"] == "provider")
        .unwrap();
    let mut shares: Vec<(String, f64)> = provider["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                v["volume_share"].as_f64().unwrap(),
            )
        })
        .collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1));
    shares
        .into_iter()
        .map(|(p, s)| (p, format!("{:.1}%", 100.0 * s)))
        .collect()
}

/// Standard base64, as WebDriver sends a screenshot.
fn base64(text: &str) -> Vec<u8> {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut bits, mut n) = (0u32, 0);
    for c in text.bytes().filter(|c| *c != b'=') {
        let d = DIGITS.iter().position(|x| *x == c).expect("base64") as u32;
        bits = (bits << 6) | d;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

#[test]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
fn the_page_moves_the_us_cap_and_cuts_off_a_provider_as_tayoka_solve_does() {
    let server = start(&[&gov()]);
    let driver = Driver::start();
    let browser = Browser::at_page(&driver, &server);
    // Every control has a label a screen reader reads, and none jumps the
    // focus order.
    let unlabelled = browser.script(
        "return [...document.querySelectorAll('input, select')].filter((e) => e.labels.length === 0).map((e) => e.id);",
        json!([]),
    );
    assert_eq!(unlabelled, json!([]));
    let jumps = browser.script(
        "return document.querySelectorAll('[tabindex]:not([tabindex=\"0\"]):not([tabindex=\"-1\"])').length;",
        json!([]),
    );
    assert_eq!(jumps, json!(0));
    assert_eq!(browser.shares(), solved_shares(&[]));

    // Move the US cap to 40%, as a user types it.
    let cap = browser.find(r#"[data-path="policy.limits.us.max_share"]"#);
    browser.call("POST", &format!("/element/{cap}/clear"), json!({}));
    browser.call(
        "POST",
        &format!("/element/{cap}/value"),
        json!({"text": "0.4"}),
    );
    browser.shows(json!({"policy.limits.us.max_share": 0.4}));
    assert_eq!(
        browser.shares(),
        solved_shares(&["policy.limits.us.max_share=0.4"])
    );

    // Cut off AWS: its capacity goes to 0, and the plan is solve's again.
    let aws = browser.find(r#"#cutoff option[value="aws"]"#);
    browser.call("POST", &format!("/element/{aws}/click"), json!({}));
    browser.shows(json!({"policy.limits.us.max_share": 0.4, "providers.aws.capacity": 0}));
    let cut = solved_shares(&["policy.limits.us.max_share=0.4", "providers.aws.capacity=0"]);
    assert_eq!(browser.shares(), cut);
    assert!(
        cut.iter().any(|(p, s)| p == "aws" && s == "0.0%"),
        "{cut:?}"
    );
    let command = browser.script(
        "return document.getElementById('command').textContent;",
        json!([]),
    );
    assert!(
        command.as_str().unwrap().contains(
            "--set policy.limits.us.max_share=0.4 \\\n    --set providers.aws.capacity=0"
        ),
        "{command}"
    );

    let shot = browser.call("GET", "/screenshot", json!({}));
    let png = base64(shot.as_str().unwrap());
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-page.png");
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

#[test]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
fn the_japanese_page_speaks_as_a_ministry_writes() {
    let server = start(&[&gov(), "--lang", "ja"]);
    let driver = Driver::start();
    let browser = Browser::at_page(&driver, &server);
    let seen = browser.script(
        "return { lang: document.documentElement.lang,
            objective: document.getElementById('objective').selectedOptions[0].textContent,
            budget: document.getElementById('budget-money').textContent,
            cap: document.querySelector('[data-path=\"policy.limits.us.max_share\"]').labels[0].textContent,
            answer: document.querySelector('#answer p').textContent,
            status: document.getElementById('status').textContent };",
        json!([]),
    );
    assert_eq!(seen["lang"], "ja");
    assert_eq!(seen["objective"], "分散");
    assert_eq!(seen["budget"], "= 400.0億円");
    assert_eq!(seen["cap"], "us シェア上限");
    let answer = seen["answer"].as_str().unwrap();
    assert!(answer.starts_with("現行の配分から計画へ"), "{answer}");
    assert!(
        seen["status"].as_str().unwrap().starts_with("更新"),
        "{seen}"
    );
    assert_eq!(browser.shares(), solved_shares(&[]));
}
