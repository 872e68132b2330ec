//! The language of every text for people: the terminal summaries, the
//! report, the charts, the diagnosis. Texts live in Mozilla Fluent files
//! (`locales/<code>/tayoka.ftl`, compiled into the binary), so that plurals
//! follow each language's rules and a translator edits one file.
//!
//! Numbers are formatted by tayoka ([`crate::base::units`]) and passed to the
//! messages as text, so that they read the same in every language; counts
//! are passed as numbers where a message picks a plural form by them.
//!
//! ```
//! use tayoka::base::lang::Lang;
//! use tayoka::tr;
//!
//! assert_eq!(tr!(Lang::En, "n-categories", n = 1), "1 category");
//! assert_eq!(tr!(Lang::En, "n-categories", n = 3), "3 categories");
//! assert_eq!(tr!(Lang::Ja, "n-categories", n = 3), "3区分");
//! ```

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};
use serde::Serialize;

pub use fluent_bundle::FluentArgs;

/// A language tayoka writes in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

/// The Fluent sources, by language.
const SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../../locales/en/tayoka.ftl")),
    (Lang::Ja, include_str!("../../locales/ja/tayoka.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

fn build(lang: Lang) -> Bundle {
    let source = lang.source();
    // A syntax error in a message drops that message only; tests/cli/lang.rs
    // checks that both files parse whole and hold the same messages.
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would show as stray characters in a terminal
    // and in CSV-checked charts; names here are never right-to-left.
    bundle.set_use_isolating(false);
    // Ids are unique in each file (tested), so adding cannot fail.
    let _ = bundle.add_resource(resource);
    bundle
}

static EN: LazyLock<Bundle> = LazyLock::new(|| build(Lang::En));
static JA: LazyLock<Bundle> = LazyLock::new(|| build(Lang::Ja));

impl Lang {
    /// Every language, in the order `--help` lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];
    /// The codes `--lang` and `scenario.lang` accept.
    pub const CODES: [&'static str; 2] = ["en", "ja"];

    /// `en` or `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language of a code, or `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    fn bundle(self) -> &'static Bundle {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }

    /// The Fluent source of this language, for tests and translators.
    pub fn source(self) -> &'static str {
        SOURCES
            .iter()
            .find(|(l, _)| *l == self)
            .map_or("", |(_, s)| s)
    }

    /// The message `id` with no arguments.
    pub fn text(self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with `args`. A message missing in this language
    /// falls back to English, and one missing in English to its id, so a
    /// slip shows as a visible id, never as a panic (tests/cli/lang.rs checks
    /// that every id the code uses exists in both files).
    pub fn format(self, id: &str, args: Option<&FluentArgs>) -> String {
        let found = [self, Lang::En]
            .into_iter()
            .find_map(|l| Some((l.bundle(), l.bundle().get_message(id)?.value()?)));
        let Some((bundle, pattern)) = found else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// An objective stage or metric as people read it: `max_share:country`
    /// is the largest country share (最大国シェア), `cost` the total cost.
    pub fn stage_name(self, stage: &str) -> String {
        let Some((kind, dim)) = stage.split_once(':') else {
            return crate::tr!(self, "stage-name", stage = stage);
        };
        let dim = crate::tr!(self, "dim-value", dim = dim);
        match kind {
            "max_share" => crate::tr!(self, "stage-max-share", dim = dim),
            "hhi" => crate::tr!(self, "stage-hhi", dim = dim),
            "max_share_holder" => crate::tr!(self, "stage-holder", dim = dim),
            "effective_number" => crate::tr!(self, "stage-effective-number", dim = dim),
            _ => crate::tr!(self, "stage-name", stage = stage),
        }
    }

    /// What stands between two sentences: a space in English, nothing
    /// after Japanese 。
    pub fn sentence_gap(self) -> &'static str {
        match self {
            Lang::Ja => "",
            _ => " ",
        }
    }

    /// Items joined as a list: `a, b, c` in English, `a、b、c` in Japanese.
    pub fn list<S: AsRef<str>>(self, items: &[S]) -> String {
        let sep = self.text("list-separator");
        items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(&sep)
    }
}

/// A value for a message argument: text, or a count that picks a plural.
pub fn arg<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

/// A message in a language: `tr!(lang, "id")` or
/// `tr!(lang, "id", name = value, ...)`, each value text or a number.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal) => {
        $crate::base::lang::Lang::text($lang, $id)
    };
    ($lang:expr, $id:literal, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::base::lang::FluentArgs::new();
        $(args.set(stringify!($key), $crate::base::lang::arg($value));)+
        $crate::base::lang::Lang::format($lang, $id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
        }
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn a_missing_message_shows_its_id() {
        assert_eq!(Lang::Ja.text("no-such-message"), "no-such-message");
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(tr!(Lang::En, "n-workloads", n = 1), "1 workload");
        assert_eq!(tr!(Lang::En, "n-workloads", n = 2), "2 workloads");
        assert_eq!(tr!(Lang::Ja, "n-workloads", n = 2), "2業務");
    }
}
