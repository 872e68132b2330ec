//! How numbers are shown to people: solver noise tidied away, amounts with
//! thousands separators, large amounts in a few digits, shares as percentages.
//! Pure functions of a number: every layer above may use them.

use std::fmt::Write;

use crate::base::lang::Lang;

/// Rounds to 9 significant digits, so that solver noise (0.30000000000000004,
/// or a held stage's 1e-9 tolerance) does not reach reports; -0 becomes 0.
pub fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return 0.0;
    }
    // Far from 1, powers of ten are inexact enough to change the digits
    // (1e-300 would become 9.999999999999994e-301): round in decimal.
    if !(1e-15..=1e15).contains(&x.abs()) {
        return format!("{x:.8e}").parse::<f64>().unwrap_or(x) + 0.0;
    }
    let digits = 8 - x.abs().log10().floor() as i32;
    let tidied = if digits >= 0 {
        let m = 10f64.powi(digits.min(300));
        (x * m).round() / m
    } else {
        let m = 10f64.powi(-digits);
        (x / m).round() * m
    };
    tidied + 0.0
}

/// Names, at most `shown` of them, then how many more: `a, b and 3 more`.
pub fn names(all: &[&str], shown: usize, lang: Lang) -> String {
    if all.len() <= shown {
        return lang.list(all);
    }
    crate::tr!(
        lang,
        "names-and-more",
        names = lang.list(&all[..shown]),
        more = all.len() - shown
    )
}

/// A number as written in a scenario, but never a string of a hundred
/// zeros: values below a millionth in size are shown as `1e-30`.
pub fn plain(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-6 {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A unit as it follows a number: after a space when it is a word
/// (`4,380 thousand GPU-hours/year`), closed up when it is Japanese
/// (`4,380千GPU時間／年`), as a ministry writes it.
pub fn after_number(unit: &str) -> String {
    match unit.chars().next() {
        Some(c) if c.is_ascii() => format!(" {unit}"),
        _ => unit.to_string(),
    }
}

/// A number and its unit, spaced as [`after_number`] says.
pub fn with_unit(number: &str, unit: &str) -> String {
    format!("{number}{}", after_number(unit))
}

/// A number with thousands separators, at most two decimals.
pub fn amount(x: f64) -> String {
    let x = tidy(x);
    // Too small for two decimals: not "0" when it is not zero.
    if x != 0.0 && x.abs() < 0.005 {
        return format!("{x:e}");
    }
    let neg = x < 0.0;
    let whole = x.abs().trunc() as u128;
    let frac = x.abs() - x.abs().trunc();
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    let cents = (frac * 100.0).round() as u32;
    if cents == 100 {
        return amount(x.signum() * (whole as f64 + 1.0));
    }
    if cents > 0 {
        let _ = write!(out, ".{cents:02}");
        while out.ends_with('0') {
            out.pop();
        }
    }
    if neg { format!("-{out}") } else { out }
}

/// A large amount in a few digits: `37.76 bn`, `5.2 M`, `12,500`.
pub fn compact(x: f64) -> String {
    let a = x.abs();
    let (v, suffix) = if a >= 1e12 {
        (x / 1e12, " tn")
    } else if a >= 1e9 {
        (x / 1e9, " bn")
    } else if a >= 1e6 {
        (x / 1e6, " M")
    } else {
        return amount(x);
    };
    let digits = if v.abs() >= 100.0 { 1 } else { 2 };
    format!("{v:.digits$}{suffix}")
}

/// A stage's value for people: shares as percentages, cost as an amount.
pub fn stage_value(name: &str, value: f64) -> String {
    if name == "cost" {
        amount(value)
    } else if name.starts_with("hhi") {
        format!("{value:.4}")
    } else {
        let p = value * 100.0;
        let s = format!("{p:.2}");
        format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// `0.425` as `42.5%`.
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p.round())
    } else {
        format!("{p:.1}%")
    }
}

/// Percentages of a chart axis, each with as many decimals as the axis
/// needs to tell its ticks apart exactly (`0%, 0.25%, 0.5%, 0.75%, 1%`, not
/// `0%, 0.2%, 0.5%, 0.8%, 1%` on evenly spaced lines), at most four.
pub fn percent_ticks(ticks: &[f64]) -> Vec<String> {
    let places = (0..=4)
        .find(|&d| {
            let scale = 10f64.powi(d);
            ticks.iter().all(|t| {
                let p = t * 100.0;
                ((p * scale).round() / scale - p).abs() <= 1e-9 * p.abs().max(1.0)
            })
        })
        .unwrap_or(4) as usize;
    ticks
        .iter()
        .map(|t| format!("{:.places$}%", t * 100.0))
        .collect()
}

/// A small fraction as a percentage with the digits it needs: `0.0001` as
/// `0.01%` (where [`percent`] would round it away).
pub fn fine_percent(x: f64) -> String {
    format!("{}%", tidy(x * 100.0))
}

/// A non-negative number to one decimal, thousands separated: `1,234.5`.
fn tenths(v: f64) -> String {
    let t = (v * 10.0).round();
    format!("{}.{}", amount((t / 10.0).trunc()), t % 10.0)
}

/// Money in a sentence. In Japanese, yen as a budget paper writes them
/// (389.1億円, 1,840万円, 950円: JA-STYLE); otherwise
/// [`compact`] with the currency after it (`38.91 bn JPY`), or without it
/// (`bare`) where the sentence has said the currency once.
pub fn money(x: f64, lang: crate::base::lang::Lang, currency: &str, bare: bool) -> String {
    if lang == crate::base::lang::Lang::Ja && currency == "JPY" {
        let a = x.abs();
        let sign = if x < 0.0 { "-" } else { "" };
        return if a >= 1e12 {
            format!("{sign}{}兆円", tenths(a / 1e12))
        } else if a >= 1e8 {
            format!("{sign}{}億円", tenths(a / 1e8))
        } else if a >= 1e4 {
            format!("{sign}{}万円", amount((a / 1e4).round()))
        } else {
            format!("{sign}{}円", amount(a.round()))
        };
    }
    if bare {
        compact(x)
    } else {
        format!("{} {currency}", compact(x))
    }
}

/// Money in a table column whose header names the unit, where the
/// language has one for it: Japanese yen in 億円 with one decimal
/// (`384.4` under `総費用（億円）`: JA-STYLE's 単位：億円); `None` otherwise.
pub fn money_in_oku(x: f64, lang: Lang, currency: &str) -> Option<String> {
    (lang == Lang::Ja && currency == "JPY").then(|| {
        let oku = x / 1e8;
        if (oku * 10.0).round() == 0.0 {
            return "0".into();
        }
        let sign = if oku < 0.0 { "-" } else { "" };
        format!("{sign}{}", tenths(oku.abs()))
    })
}

/// Money to the unit, for a table cell or a figure someone may check:
/// `38,905,640,000 JPY`; in Japanese, yen grouped as a budget paper
/// writes an exact sum (`389億564万円`, `1兆2,000億円`, `950円`).
pub fn money_exact(x: f64, lang: Lang, currency: &str) -> String {
    if lang != Lang::Ja || currency != "JPY" {
        return format!("{} {currency}", amount(x));
    }
    let yen = x.abs().round();
    if yen < 1.0 {
        return "0円".into();
    }
    let mut out = String::from(if x < 0.0 { "-" } else { "" });
    let mut left = yen;
    for (size, name) in [(1e12, "兆"), (1e8, "億"), (1e4, "万")] {
        let part = (left / size).trunc();
        if part >= 1.0 {
            let _ = write!(out, "{}{name}", amount(part));
            left -= part * size;
        }
    }
    if left >= 1.0 {
        out.push_str(&amount(left));
    }
    out.push('円');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_japanese_unit_closes_up_on_its_number_and_a_word_does_not() {
        assert_eq!(with_unit("4,380", "千GPU時間／年"), "4,380千GPU時間／年");
        assert_eq!(
            with_unit("4,380", "thousand GPU-hours/year"),
            "4,380 thousand GPU-hours/year"
        );
        assert_eq!(with_unit("7", ""), "7");
    }

    #[test]
    fn yen_read_as_a_budget_paper_writes_them_in_japanese() {
        use crate::base::lang::Lang;
        // JA-STYLE's own examples.
        assert_eq!(money(38_905_640_000.0, Lang::Ja, "JPY", false), "389.1億円");
        assert_eq!(money(933_500_000.0, Lang::Ja, "JPY", false), "9.3億円");
        assert_eq!(money(1_094_360_000.0, Lang::Ja, "JPY", false), "10.9億円");
        assert_eq!(money(18_396_000.0, Lang::Ja, "JPY", false), "1,840万円");
        assert_eq!(money(596_000_000.0, Lang::Ja, "JPY", false), "6.0億円");
        assert_eq!(money(-50_000_000.0, Lang::Ja, "JPY", false), "-5,000万円");
        assert_eq!(money(2.5e12, Lang::Ja, "JPY", true), "2.5兆円");
        assert_eq!(money(123_456e8, Lang::Ja, "JPY", false), "12.3兆円");
        assert_eq!(money(1_234.5e8, Lang::Ja, "JPY", false), "1,234.5億円");
        assert_eq!(money(950.0, Lang::Ja, "JPY", false), "950円");
        assert_eq!(money(4.38e9, Lang::En, "JPY", false), "4.38 bn JPY");
        assert_eq!(money(4.38e9, Lang::En, "JPY", true), "4.38 bn");
        assert_eq!(money(4.38e9, Lang::Ja, "USD", false), "4.38 bn USD");
    }

    #[test]
    fn exact_yen_group_as_a_budget_paper_writes_them_in_japanese() {
        assert_eq!(
            money_exact(38_905_640_000.0, Lang::Ja, "JPY"),
            "389億564万円"
        );
        assert_eq!(money_exact(40_000_000_000.0, Lang::Ja, "JPY"), "400億円");
        assert_eq!(money_exact(18_396_000.0, Lang::Ja, "JPY"), "1,839万6,000円");
        assert_eq!(money_exact(1.2e12, Lang::Ja, "JPY"), "1兆2,000億円");
        assert_eq!(
            money_exact(326_557_195_000.0, Lang::Ja, "JPY"),
            "3,265億5,719万5,000円"
        );
        assert_eq!(money_exact(950.4, Lang::Ja, "JPY"), "950円");
        assert_eq!(money_exact(0.2, Lang::Ja, "JPY"), "0円");
        assert_eq!(
            money_exact(-933_500_000.0, Lang::Ja, "JPY"),
            "-9億3,350万円"
        );
        assert_eq!(
            money_exact(38_905_640_000.0, Lang::En, "JPY"),
            "38,905,640,000 JPY"
        );
        assert_eq!(money_exact(1_440.0, Lang::Ja, "USD"), "1,440 USD");
        // The groups add up to the amount again.
        for x in [1.0, 10_001.0, 123_456_789_012.0, 9_999_999_999_999.0] {
            let text = money_exact(x, Lang::Ja, "JPY");
            let mut total = 0.0;
            let mut digits = String::new();
            for c in text.chars() {
                match c {
                    '0'..='9' => digits.push(c),
                    ',' => {}
                    _ => {
                        let n: f64 = digits.parse().unwrap_or(0.0);
                        digits.clear();
                        total += n * match c {
                            '兆' => 1e12,
                            '億' => 1e8,
                            '万' => 1e4,
                            _ => 1.0,
                        };
                    }
                }
            }
            assert_eq!(total, x, "{text}");
        }
    }

    #[test]
    fn money_in_a_column_headed_oku_en() {
        assert_eq!(
            money_in_oku(38_440_000_000.0, Lang::Ja, "JPY").unwrap(),
            "384.4"
        );
        assert_eq!(money_in_oku(328_500_000.0, Lang::Ja, "JPY").unwrap(), "3.3");
        assert_eq!(
            money_in_oku(123_456e8, Lang::Ja, "JPY").unwrap(),
            "123,456.0"
        );
        assert_eq!(money_in_oku(0.0, Lang::Ja, "JPY").unwrap(), "0");
        assert_eq!(money_in_oku(-5e7, Lang::Ja, "JPY").unwrap(), "-0.5");
        assert_eq!(money_in_oku(4e9, Lang::En, "JPY"), None);
        assert_eq!(money_in_oku(4e9, Lang::Ja, "USD"), None);
    }

    #[test]
    fn axis_percentages_tell_their_ticks_apart() {
        assert_eq!(
            percent_ticks(&[0.0, 0.0025, 0.005, 0.0075, 0.01]),
            ["0.00%", "0.25%", "0.50%", "0.75%", "1.00%"]
        );
        assert_eq!(percent_ticks(&[0.0, 0.1, 0.2]), ["0%", "10%", "20%"]);
        assert_eq!(percent_ticks(&[0.0, 0.005, 0.01]), ["0.0%", "0.5%", "1.0%"]);
        // Each label reads back as its tick.
        let ticks = [0.0, 0.0025, 0.005, 0.0075, 0.01];
        for (t, l) in ticks.iter().zip(percent_ticks(&ticks)) {
            let back: f64 = l.trim_end_matches('%').parse::<f64>().unwrap() / 100.0;
            assert!((back - t).abs() < 1e-12, "{l}");
        }
    }

    #[test]
    fn tidy_removes_noise_in_the_last_digits() {
        assert_eq!(tidy(0.1 + 0.2), 0.3);
        assert_eq!(tidy(0.49999999999999994), 0.5);
        assert_eq!(tidy(-0.0).to_string(), "0");
        assert_eq!(tidy(1439.99999856), 1440.0);
        assert_eq!(tidy(123_456_789.123_456), 123_456_789.0);
        assert_eq!(tidy(1.5e20), 1.5e20);
        assert_eq!(tidy(f64::NAN), 0.0);
        assert_eq!(tidy(f64::INFINITY), 0.0);
        assert_eq!(tidy(1e-300), 1e-300);
    }

    #[test]
    fn amounts_carry_separators_and_at_most_two_decimals() {
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(1e-30), "1e-30");
        assert_eq!(amount(999.0), "999");
        assert_eq!(amount(1000.0), "1,000");
        assert_eq!(amount(1_234_567.891), "1,234,567.89");
        assert_eq!(amount(-40_000.5), "-40,000.5");
        // 0.999 rounds up to the next whole, not to "0.100".
        assert_eq!(amount(1.999), "2");
        assert_eq!(amount(933_500_000.0), "933,500,000");
        assert_eq!(amount(950.5), "950.5");
        assert_eq!(amount(0.125), "0.13");
        assert_eq!(amount(999.999), "1,000");
    }

    #[test]
    fn compact_amounts_name_their_magnitude() {
        assert_eq!(compact(37_760_000_000.0), "37.76 bn");
        assert_eq!(compact(5_200_000.0), "5.20 M");
        assert_eq!(compact(12_500.0), "12,500");
        assert_eq!(compact(2.5e12), "2.50 tn");
        assert_eq!(compact(-3.0e9), "-3.00 bn");
        assert_eq!(compact(123_400_000_000.0), "123.4 bn");
        assert_eq!(compact(37_764_340_000.0), "37.76 bn");
        assert_eq!(compact(2_260_000_000_000.0), "2.26 tn");
        assert_eq!(compact(1440.0), "1,440");
    }

    #[test]
    fn counts_and_name_lists_read_naturally() {
        assert_eq!(names(&["a", "b"], 3, Lang::En), "a, b");
        assert_eq!(
            names(&["a", "b", "c", "d", "e"], 3, Lang::En),
            "a, b, c and 2 more"
        );
        assert_eq!(
            names(&["a", "b", "c", "d", "e"], 3, Lang::Ja),
            "a、b、cほか2件"
        );
    }

    #[test]
    fn tiny_numbers_are_written_short() {
        assert_eq!(plain(1e-30), "1e-30");
        assert_eq!(plain(0.0), "0");
        assert_eq!(plain(40.5), "40.5");
        assert_eq!(plain(35_990_000_000.0), "35990000000");
    }

    #[test]
    fn shares_read_as_percentages() {
        assert_eq!(percent(0.425), "42.5%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.12404), "12.4%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn stage_values_in_their_own_units() {
        assert_eq!(stage_value("cost", 37_760_000_000.0), "37,760,000,000");
        assert_eq!(stage_value("max_share:provider", 0.1236), "12.36%");
        assert_eq!(stage_value("max_share:country", 0.5), "50%");
        assert_eq!(stage_value("hhi:provider", 0.11334), "0.1133");
        assert_eq!(stage_value("max_share:provider", 0.123517787), "12.35%");
        assert_eq!(stage_value("home_share", 0.75), "75%");
    }
}
