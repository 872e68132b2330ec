//! An index from TOML path (`providers.aws.capacity`) to where it stands in the
//! file, kept from the parsed text because the merged document has no positions.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// Spans of one key and its value.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: Range<usize>,
    pub value: Range<usize>,
}

/// Path -> spans, for every key and array element of a document.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    entries: HashMap<String, Entry>,
}

/// Which part of an entry a message points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Key,
    Value,
}

impl SpanIndex {
    pub fn build(table: &DeTable<'_>) -> Self {
        let mut index = SpanIndex::default();
        index.walk_table(table, "");
        index
    }

    fn walk_table(&mut self, table: &DeTable<'_>, prefix: &str) {
        for (key, value) in table.iter() {
            let path = join(prefix, key.get_ref());
            self.walk_value(&path, key.span(), value);
        }
    }

    fn walk_value(&mut self, path: &str, key: Range<usize>, value: &toml::Spanned<DeValue<'_>>) {
        self.entries.insert(
            path.to_string(),
            Entry {
                key: key.clone(),
                value: value.span(),
            },
        );
        match value.get_ref() {
            DeValue::Table(t) => self.walk_table(t, path),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk_value(&format!("{path}.{i}"), item.span(), item);
                }
            }
            _ => {}
        }
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// The span of `path`, or of its nearest ancestor that is in the file.
    pub fn nearest(&self, path: &str, part: Part) -> Option<Range<usize>> {
        let mut p = path;
        let mut exact = true;
        loop {
            if let Some(e) = self.entries.get(p) {
                // An ancestor stands for a missing child: point at its key.
                return Some(if exact && part == Part::Value {
                    e.value.clone()
                } else {
                    e.key.clone()
                });
            }
            exact = false;
            p = parent(p)?;
        }
    }
}

pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

pub fn parent(path: &str) -> Option<&str> {
    path.rfind('.').map(|i| &path[..i])
}

/// `path` and each of its ancestors, longest first.
pub fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(path), |p| parent(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_headers_dotted_keys_and_array_items() {
        let text = "[providers.aws]\ncapacity = 5\nregions = [\"JP\", \"US\"]\n[variants.x]\nproviders.aws.capacity = 0\n";
        let doc = DeTable::parse(text).unwrap();
        let idx = SpanIndex::build(doc.get_ref());
        let cap = idx.get("providers.aws.capacity").unwrap();
        assert_eq!(&text[cap.key.clone()], "capacity");
        assert_eq!(&text[cap.value.clone()], "5");
        let us = idx.get("providers.aws.regions.1").unwrap();
        assert_eq!(&text[us.value.clone()], "\"US\"");
        assert!(idx.get("variants.x.providers.aws.capacity").is_some());
        // A missing key points at the nearest ancestor's key.
        let near = idx.nearest("providers.aws.price", Part::Value).unwrap();
        assert_eq!(&text[near], "aws");
    }
}
