//! Every kind of bad input a planner can meet in their own file: the message
//! text, and the `file:line:col` (or `--set` argument) it points at.

use crate::common;

use common::{BASE, line_col, scenario_file, tayoka};

/// Runs `tayoka check s.toml ARGS` on `text`; asserts exit code 1; returns stderr.
fn check_fails(text: &str, args: &[&str]) -> String {
    let (dir, _) = scenario_file("s.toml", text);
    let out = tayoka(dir.path())
        .arg("check")
        .arg("s.toml")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    stderr
}

/// The `-->` lines of every diagnostic whose message is `message`.
fn locations_of<'a>(stderr: &'a str, message: &str) -> Vec<&'a str> {
    let head = format!("error: {message}\n");
    let found: Vec<&str> = stderr
        .match_indices(&head)
        .map(|(at, _)| {
            let rest = &stderr[at..];
            let arrow = rest.find("--> ").expect("a location line");
            rest[arrow + 4..].lines().next().unwrap()
        })
        .collect();
    assert!(!found.is_empty(), "no error `{message}` in:\n{stderr}");
    found
}

/// The `-->` line of the only diagnostic whose message is `message`.
fn location_of<'a>(stderr: &'a str, message: &str) -> &'a str {
    let found = locations_of(stderr, message);
    assert_eq!(
        found.len(),
        1,
        "`{message}` reported {} times in:\n{stderr}",
        found.len()
    );
    found[0]
}

/// Asserts that `message` is reported at the first occurrence of `needle`.
fn assert_at(stderr: &str, text: &str, message: &str, needle: &str) {
    let want = format!("s.toml:{}", line_col(text, needle));
    let got = locations_of(stderr, message);
    assert!(
        got.contains(&want.as_str()),
        "`{message}` at {got:?}, not {want}, in:\n{stderr}"
    );
}

#[test]
fn unknown_field_lists_the_expected_ones_and_suggests_the_closest() {
    let text = BASE.replacen(
        "capacity = 100\nprice = 1.0",
        "capcity = 100\nprice = 1.0",
        1,
    );
    let err = check_fails(&text, &[]);
    let msg = "unknown field `capcity` in `providers.us`, expected one of `name`, `name_ja`, `company`, `company_ja`, `country`, `regions`, `capacity`, `price`, `sovereignty`, `certifications`, `capabilities`, `tags`, `surge`, `outage`, `exit_cost`, `expand`, `contract_cost`, `min_volume`, `discounts`";
    assert_at(&err, &text, msg, "capcity");
    assert!(err.contains("   = help: did you mean `capacity`?"), "{err}");
    // The source line and a caret under the key, as cargo shows them.
    let line = line_col(&text, "capcity")
        .split(':')
        .next()
        .unwrap()
        .to_string();
    assert!(err.contains(&format!("{line} | capcity = 100\n")), "{err}");
    assert!(err.contains("| ^^^^^^^\n"), "{err}");
    // And the field it misses is reported too, at the table's header.
    assert_at(
        &err,
        &text,
        "`providers.us` is missing the required field `capacity`",
        "us]",
    );
}

#[test]
fn a_toml_syntax_error_points_at_the_bad_token() {
    let text = BASE.replace("home = \"JP\"", "home = JP");
    let err = check_fails(&text, &[]);
    assert!(
        err.starts_with("error: invalid TOML: string values must be quoted"),
        "{err}"
    );
    assert!(
        err.contains(&format!("s.toml:{}", line_col(&text, "JP\n"))),
        "{err}"
    );
}

#[test]
fn a_value_of_the_wrong_type_says_what_was_expected() {
    let text = BASE.replace("price = 1.0", "price = \"cheap\"");
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "`providers.us.price` must be a number, found a string",
        "\"cheap\"",
    );
}

#[test]
fn negative_and_non_finite_numbers_are_rejected() {
    let text = BASE.replace("capacity = 100\nprice = 1.0", "capacity = -5\nprice = inf");
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "`providers.us.capacity` must be >= 0, found -5",
        "-5",
    );
    assert_at(
        &err,
        &text,
        "`providers.us.price` must be a finite number, found inf",
        "inf",
    );
}

#[test]
fn fractions_outside_zero_to_one_are_rejected() {
    let text = format!("{BASE}\n[policy.limits.cap]\ndimension = \"provider\"\nmax_share = 1.5\n");
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "`policy.limits.cap.max_share` is a fraction and must be in [0, 1], found 1.5",
        "1.5",
    );
}

#[test]
fn unknown_ids_in_only_exclude_and_current_are_named() {
    let text = BASE.replace(
        "demand = 50\n",
        "demand = 50\nonly = [\"jq\"]\nexclude = [\"xx\"]\ncurrent = { uss = 1.0 }\n",
    );
    let err = check_fails(&text, &[]);
    assert_at(&err, &text, "no provider `jq`", "\"jq\"");
    assert!(err.contains("did you mean `jp`?"), "{err}");
    assert_at(&err, &text, "no provider `xx`", "\"xx\"");
    assert!(err.contains("expected one of `jp`, `us`"), "{err}");
    assert_at(&err, &text, "no provider `uss`", "uss");
}

#[test]
fn an_undefined_class_is_named_with_the_defined_ones() {
    let text = BASE.replace("class = \"special\"", "class = \"secret\"");
    let err = check_fails(&text, &[]);
    assert_at(&err, &text, "no class `secret`", "\"secret\"");
    assert!(err.contains("expected one of `special`"), "{err}");
}

#[test]
fn a_capability_no_provider_offers_is_named() {
    let text = BASE.replacen("capability = \"llm\"", "capability = \"vision\"", 1);
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "no provider offers capability `vision`",
        "\"vision\"",
    );
    assert!(err.contains("= help: the providers offer `llm`"), "{err}");
}

#[test]
fn a_tag_dimension_must_be_on_every_provider() {
    let text = BASE.replace(
        "diversify = [\"provider\"]",
        "diversify = [\"provider\", \"chips\"]",
    );
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "dimension `chips` is a tag, and these providers lack it: `jp`, `us`",
        "\"chips\"",
    );
    // A tag that some providers have is fine; a limit on one they lack is not.
    let text = text
        .replace(
            "diversify = [\"provider\", \"chips\"]",
            "diversify = [\"provider\", \"group\"]",
        )
        .replace("tags = { group = \"g2\" }", "");
    let text = format!("{text}\n[policy.limits.g]\ndimension = \"group\"\nmax_share = 0.9\n");
    let err = check_fails(&text, &[]);
    // Both the diversify list and the limit use it: each is reported.
    let msg = "dimension `group` is a tag, and these providers lack it: `us`";
    assert_eq!(locations_of(&err, msg).len(), 2, "{err}");
    assert_at(&err, &text, msg, "\"group\"]");
    assert_at(&err, &text, msg, "\"group\"\nmax_share");
}

#[test]
fn current_fractions_must_sum_to_one() {
    let text = BASE.replace(
        "demand = 50\n",
        "demand = 50\ncurrent = { jp = 0.5, us = 0.2 }\n",
    );
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "`workloads.chat.current` fractions sum to 0.7, not 1",
        "{ jp = 0.5",
    );
}

#[test]
fn min_share_above_max_share_is_rejected() {
    let text = format!(
        "{BASE}\n[policy.limits.jp]\ndimension = \"country\"\nvalue = \"JP\"\nmin_share = 0.6\nmax_share = 0.4\n"
    );
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "limit `jp`: `min_share` 0.6 > `max_share` 0.4",
        "0.6",
    );
}

#[test]
fn a_limit_on_an_unknown_value_lists_the_known_ones() {
    let text = format!(
        "{BASE}\n[policy.limits.cn]\ndimension = \"country\"\nvalue = \"CN\"\nmax_share = 0.1\n"
    );
    let err = check_fails(&text, &[]);
    assert_at(&err, &text, "no country value `CN`", "\"CN\"");
    assert!(err.contains("expected one of `JP`, `US`"), "{err}");
}

#[test]
fn a_scenario_needs_providers_and_workloads() {
    let text = "[scenario]\nname = \"empty\"\nhome = \"JP\"\n";
    let err = check_fails(text, &[]);
    assert!(
        err.contains("error: the scenario has no providers\n"),
        "{err}"
    );
    assert!(
        err.contains("error: the scenario has no workloads\n"),
        "{err}"
    );
    assert!(
        err.contains("add at least one `[providers.<id>]` table"),
        "{err}"
    );
    let err = check_fails(
        "[providers.a]\ncountry = \"JP\"\ncapacity = 1\nprice = 1\n",
        &[],
    );
    assert!(
        err.contains("error: the scenario has no `[scenario]` table"),
        "{err}"
    );
}

#[test]
fn missing_required_fields_point_at_their_table() {
    let text = BASE.replace("capability = \"llm\"\ndemand = 50\n", "");
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "`workloads.chat` is missing the required field `capability`",
        "chat]",
    );
    assert_at(
        &err,
        &text,
        "`workloads.chat` is missing the required field `demand`",
        "chat]",
    );
}

#[test]
fn an_invalid_id_is_rejected() {
    let text = BASE.replace("[providers.us]", "[providers.\"u s\"]");
    let err = check_fails(&text, &[]);
    assert!(err.contains("error: `u s` is not a valid id"), "{err}");
    assert!(
        err.contains(&format!("s.toml:{}", line_col(&text, "\"u s\""))),
        "{err}"
    );
}

#[test]
fn an_enumerated_value_suggests_the_closest() {
    let text = BASE.replace("objective = \"diversify\"", "objective = \"diversfy\"");
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "`policy.objective` must be one of `diversify`, `sovereignty`, `cost`, `resilience`, found `diversfy`",
        "\"diversfy\"",
    );
    assert!(err.contains("did you mean `diversify`?"), "{err}");
}

#[test]
fn a_scope_on_critical_workloads_needs_one() {
    let text = BASE.replace("critical = true\n", "");
    let text = format!(
        "{text}\n[policy.limits.jp]\ndimension = \"country\"\nvalue = \"JP\"\nmin_share = 0.5\nscope = \"critical\"\n"
    );
    let err = check_fails(&text, &[]);
    assert_at(
        &err,
        &text,
        "limit `jp` is scoped to critical workloads, but no workload is critical",
        "\"critical\"",
    );
}

#[test]
fn an_unknown_variant_lists_the_known_ones() {
    let err = check_fails(BASE, &["--variant", "cheep"]);
    assert!(err.contains("error: unknown variant `cheep`"), "{err}");
    assert!(err.contains("did you mean `cheap`?"), "{err}");
    let err = check_fails(BASE, &["--variant", "zzz"]);
    assert!(
        err.contains("the known variants are `cheap`, `@diversify`, `@sovereignty`, `@cost`"),
        "{err}"
    );
}

#[test]
fn a_set_path_that_does_not_exist_is_named() {
    let err = check_fails(BASE, &["--set", "providers.jq.capacity=5"]);
    assert!(
        err.contains("error: there is no `providers.jq` to override: `providers` has no key `jq`"),
        "{err}"
    );
    assert_eq!(
        location_of(
            &err,
            "there is no `providers.jq` to override: `providers` has no key `jq`"
        ),
        "from `--set providers.jq.capacity=5`"
    );
    assert!(err.contains("did you mean `providers.jp`?"), "{err}");
    // A mistyped field is caught by the typed check, and still blamed on --set.
    let err = check_fails(BASE, &["--set", "providers.jp.capcity=5"]);
    assert!(location_of(&err, "unknown field `capcity` in `providers.jp`, expected one of `name`, `name_ja`, `company`, `company_ja`, `country`, `regions`, `capacity`, `price`, `sovereignty`, `certifications`, `capabilities`, `tags`, `surge`, `outage`, `exit_cost`, `expand`, `contract_cost`, `min_volume`, `discounts`").contains("--set providers.jp.capcity=5"), "{err}");
}

#[test]
fn a_bad_value_from_set_says_it_came_from_set() {
    let err = check_fails(BASE, &["--set", "providers.us.capacity=-1"]);
    assert_eq!(
        location_of(&err, "`providers.us.capacity` must be >= 0, found -1"),
        "from `--set providers.us.capacity=-1`"
    );
}

#[test]
fn a_bad_value_from_a_variant_points_at_the_variant_line() {
    let text = format!("{BASE}\n[variants.bad]\nproviders.us.capacity = \"lots\"\n");
    let err = check_fails(&text, &["--variant", "bad"]);
    assert_at(
        &err,
        &text,
        "`providers.us.capacity` must be a number, found a string",
        "\"lots\"",
    );
}

#[test]
fn check_loads_every_variant_when_none_is_named() {
    let text = format!("{BASE}\n[variants.bad]\nproviders.us.price = -3\n");
    let (dir, _) = scenario_file("s.toml", &text);
    let out = tayoka(dir.path())
        .args(["check", "s.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("variant `bad`:\nerror: `providers.us.price` must be >= 0, found -3"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path())
        .args(["check", "nope.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot read `nope.toml`: "),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), b"[scenario]\nname = \"\xff\"\n").unwrap();
    let out = tayoka(dir.path())
        .args(["check", "s.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("error: the scenario file is not UTF-8 text (invalid byte at offset 19)"),
        "{stderr}"
    );
}

/// Flags are settled before any file is read: a wrong number exits 2 with
/// its own message, even when the scenario named does not exist (it would
/// otherwise exit 1 for the missing file).
#[test]
fn a_wrong_flag_value_is_a_usage_error_before_the_scenario_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            &["solve", "missing.toml", "--time-limit=-1"][..],
            "--time-limit -1: expected a positive number of seconds",
        ),
        (
            &["solve", "missing.toml", "--mip-gap", "1"][..],
            "--mip-gap 1: expected a fraction from 0",
        ),
        (
            &["tradeoff", "missing.toml", "--points", "1"][..],
            "--points 1: expected at least 2",
        ),
        (
            &["frontier", "missing.toml", "--points", "0"][..],
            "--points 0: expected at least 2",
        ),
        (
            &["pathway", "missing.toml", "--years", "0"][..],
            "--years 0: expected at least 1",
        ),
        (
            &["stress", "missing.toml", "--samples", "4000000000"][..],
            "--samples 4000000000: at most 1000000000",
        ),
    ] {
        let out = tayoka(dir.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("missing.toml"),
            "{args:?} read the file: {stderr}"
        );
    }
}
