//! Colours: colour-blind safe (Okabe-Ito) families, one per country, with the
//! home country's providers in the warm family so that they stand out; a
//! provider keeps its colour in every chart made from the same provider set.

use std::collections::BTreeMap;

use super::canvas::Rgb;
use crate::scenario::Scenario;

/// Vermillion: the home country's family.
pub const HOME: Rgb = Rgb(0xD5, 0x5E, 0x00);
/// Families of foreign countries, in order of first appearance by id.
pub const FOREIGN: [Rgb; 6] = [
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x99, 0x99, 0x99), // grey
];
pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
pub const MUTED: Rgb = Rgb(0x5f, 0x63, 0x68);
pub const GRID: Rgb = Rgb(0xe3, 0xe5, 0xe8);
pub const TRACK: Rgb = Rgb(0xf3, 0xf4, 0xf6);

/// The colours of one scenario's providers, companies and countries.
#[derive(Debug, Clone)]
pub struct Palette {
    /// By provider index.
    pub provider: Vec<Rgb>,
    pub country: BTreeMap<String, Rgb>,
    pub company: BTreeMap<String, Rgb>,
    /// Countries in legend order: home first, then by code.
    pub countries: Vec<String>,
}

impl Palette {
    pub fn new(s: &Scenario) -> Self {
        let mut countries: Vec<String> = s.providers.iter().map(|p| p.country.clone()).collect();
        countries.sort();
        countries.dedup();
        countries.sort_by_key(|c| *c != s.meta.home);
        let mut country = BTreeMap::new();
        let mut foreign = FOREIGN.iter().cycle();
        for c in &countries {
            let base = if *c == s.meta.home {
                HOME
            } else {
                *foreign.next().unwrap_or(&FOREIGN[0])
            };
            country.insert(c.clone(), base);
        }
        let mut provider = vec![HOME; s.providers.len()];
        for c in &countries {
            let members: Vec<usize> = (0..s.providers.len())
                .filter(|&i| s.providers[i].country == *c)
                .collect();
            let n = members.len();
            for (k, &i) in members.iter().enumerate() {
                // From darker than the base to clearly lighter, so that the
                // providers of one country stay apart.
                let t = if n == 1 {
                    0.0
                } else {
                    -0.5 + 1.15 * k as f32 / (n - 1) as f32
                };
                provider[i] = country[c].shade(t);
            }
        }
        let mut company = BTreeMap::new();
        for (i, p) in s.providers.iter().enumerate() {
            company.entry(p.company.clone()).or_insert(provider[i]);
        }
        Palette {
            provider,
            country,
            company,
            countries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_follow_countries_and_home_is_warm() {
        let provider = |id: &str, c: &str| {
            format!(
                "[providers.{id}]\ncountry = '{c}'\ncapacity = 1\nprice = 1\ncapabilities = {{ llm = 1 }}\n"
            )
        };
        let text = format!(
            "[scenario]\nname = 'p'\nhome = 'JP'\n{}{}{}[workloads.w]\ncapability = 'llm'\ndemand = 1\n",
            provider("a", "US"),
            provider("b", "JP"),
            provider("c", "US")
        );
        let opts = crate::scenario::LoadOptions::default();
        let s = crate::scenario::load_str(std::path::Path::new("p.toml"), text, &opts)
            .unwrap()
            .scenario;
        let pal = Palette::new(&s);
        assert_eq!(pal.countries, ["JP", "US"]);
        assert_eq!(pal.provider[1], HOME);
        assert_ne!(pal.provider[0], pal.provider[2]);
        assert_eq!(pal.country["US"], FOREIGN[0]);
        assert_eq!(pal.company["a"], pal.provider[0]);
    }
}
