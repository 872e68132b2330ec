//! Colours: colour-blind safe (Okabe-Ito) families, one per country, with the
//! home country's providers in the warm family and a darker band so that they
//! stand out in colour and in greyscale; a provider keeps its colour in every
//! chart made from the same provider set.

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
/// Lightness bands (relative luminance; dark, light, middle): the home
/// country's providers dark, foreign ones lighter, so that a greyscale print
/// still tells them apart; both dark enough that the white gap between two
/// segments and the pale track behind a bar meet 3:1 against every one.
pub const HOME_BAND: [f32; 3] = [0.03, 0.09, 0.055];
pub const FOREIGN_BAND: [f32; 3] = [0.14, 0.25, 0.19];
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
    /// Providers in legend order (by country, then id): bars stack their
    /// segments in this order too, so that the legend reads like the bars.
    pub order: Vec<usize>,
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
            let band = if *c == s.meta.home {
                HOME_BAND
            } else {
                FOREIGN_BAND
            };
            for (k, &i) in members.iter().enumerate() {
                // Within the family the hue turns by up to 25 degrees either
                // way and neighbours take dark, light and middle of the
                // band in turn, so that no two providers of one country
                // look alike (CIE76 difference >= 10 in the bundled
                // scenario).
                provider[i] = if n == 1 {
                    country[c].with_luminance(band[2])
                } else {
                    let turn = -25.0 + 50.0 * k as f32 / (n - 1) as f32;
                    country[c].hue_turned(turn).with_luminance(band[k % 3])
                };
            }
        }
        let mut company = BTreeMap::new();
        for (i, p) in s.providers.iter().enumerate() {
            company.entry(p.company.clone()).or_insert(provider[i]);
        }
        let order = countries
            .iter()
            .flat_map(|c| (0..s.providers.len()).filter(move |&i| s.providers[i].country == *c))
            .collect();
        Palette {
            provider,
            country,
            company,
            countries,
            order,
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
        assert_eq!(pal.provider[1], HOME.with_luminance(HOME_BAND[2]));
        assert_ne!(pal.provider[0], pal.provider[2]);
        assert_eq!(pal.country["US"], FOREIGN[0]);
        assert_eq!(pal.company["a"], pal.provider[0]);
    }

    /// CIE L*a*b* of an sRGB colour (D65), for colour differences.
    fn lab(c: Rgb) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    /// The bundled japan-gov-2027 scenario and its palette.
    fn bundled() -> (Scenario, Palette) {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/japan-gov-2027.toml");
        let s = crate::scenario::load(&path, &crate::scenario::LoadOptions::default())
            .unwrap()
            .scenario;
        let pal = Palette::new(&s);
        (s, pal)
    }

    #[test]
    fn no_two_providers_of_the_bundled_scenario_look_alike() {
        let (s, pal) = bundled();
        let mut closest = (f64::MAX, 0, 0);
        for i in 0..s.providers.len() {
            for j in i + 1..s.providers.len() {
                let (a, b) = (lab(pal.provider[i]), lab(pal.provider[j]));
                let d =
                    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
                if d < closest.0 {
                    closest = (d, i, j);
                }
            }
        }
        // A difference of about 10 (CIE76) is clear at a glance.
        assert!(
            closest.0 >= 10.0,
            "{} and {} differ by only {:.1}",
            s.providers[closest.1].id,
            s.providers[closest.2].id,
            closest.0
        );
    }

    #[test]
    fn every_provider_meets_3_to_1_against_white_and_the_track_and_home_is_darker() {
        let (s, pal) = bundled();
        let white = Rgb(255, 255, 255);
        let (mut darkest_foreign, mut lightest_home) = (f32::MAX, 0.0_f32);
        for (i, p) in s.providers.iter().enumerate() {
            let c = pal.provider[i];
            for back in [white, TRACK] {
                assert!(c.contrast(back) >= 3.0, "{} {c:?} on {back:?}", p.id);
            }
            if p.country == s.meta.home {
                lightest_home = lightest_home.max(c.luminance());
            } else {
                darkest_foreign = darkest_foreign.min(c.luminance());
            }
        }
        assert!(lightest_home < darkest_foreign);
    }
}
