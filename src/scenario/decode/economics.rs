//! A provider's volume discounts, `discounts = [ { from, off }, ... ]`
//! (DESIGN 4.2): each level's threshold and fraction off, both strictly
//! increasing, so that the level a load reaches is the last it passes.

use toml::Value;

use super::{Fields, Problems, keys, type_name};
use crate::scenario::Discount;
use crate::scenario::spans::Part;

pub(super) fn decode_discounts(f: &Fields<'_>, p: &mut Problems) -> Vec<Discount> {
    let key = "discounts";
    let Some(v) = f.get(key) else {
        return Vec::new();
    };
    let at = f.at(key);
    let Value::Array(items) = v else {
        f.wrong_type(p, key, v, "an array of { from, off } tables");
        return Vec::new();
    };
    let mut out: Vec<Discount> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let here = format!("{at}.{i}");
        let Value::Table(t) = item else {
            p.push(
                &here,
                Part::Value,
                format!(
                    "`{at}` must hold {{ from = ..., off = ... }} tables, found {}",
                    type_name(item)
                ),
            );
            continue;
        };
        let level = Fields::new(&here, t, keys::DISCOUNT);
        let from = level.amount(p, "from");
        let from = level.required(p, "from", from);
        let off = level.number(p, "off");
        let off = level.required(p, "off", off);
        level.finish(p);
        let (Some(from), Some(off)) = (from, off) else {
            continue;
        };
        if !(0.0..1.0).contains(&off) {
            p.push(
                &format!("{here}.off"),
                Part::Value,
                format!("`{here}.off` is the fraction taken off the price and must be in [0, 1), found {off}"),
            );
            continue;
        }
        if let Some(last) = out.last() {
            if from <= last.from {
                p.push(
                    &format!("{here}.from"),
                    Part::Value,
                    format!(
                        "`{here}.from` must be above the level before's {}, found {from}: list the levels in increasing order of `from`",
                        last.from
                    ),
                );
                continue;
            }
            if off <= last.off {
                p.push(
                    &format!("{here}.off"),
                    Part::Value,
                    format!(
                        "`{here}.off` must be above the level before's {}, found {off}: a larger volume earns a larger discount",
                        last.off
                    ),
                );
                continue;
            }
        }
        out.push(Discount { from, off });
    }
    out
}
