//! How dataset names are matched across plans: folded (case, width, white space, punctuation,
//! compatibility ideographs), then paired equal first and similar second.

use crate::vocab::edit_distance;

/// A name with case, width, white space, punctuation and compatibility ideographs folded: what
/// names are matched by.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            // Full-width ASCII forms and the ideographic space.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            // U+FA08 for 行: the same character to a reader (T007).
            _ => crate::hanzi::unified(c).unwrap_or(c),
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How far two folded names are apart when they are similar enough to be the same dataset:
/// within a fifth of the longer's length in edits, or one containing the other.
pub fn fuzzy_distance(a: &str, b: &str) -> Option<usize> {
    let (len_a, len_b) = (a.chars().count(), b.chars().count());
    let (shorter, longer) = if len_a <= len_b { (a, b) } else { (b, a) };
    let shorter_len = len_a.min(len_b);
    if shorter_len >= 2 && longer.contains(shorter) {
        return Some(len_a.abs_diff(len_b));
    }
    let limit = len_a.max(len_b) / 5;
    if limit == 0 {
        return None;
    }
    let distance = edit_distance(a, b, limit);
    (distance <= limit).then_some(distance)
}

/// Pairs promised names with names of the next plan, both folded by [`normalise_name`]: equal
/// names first, then similar ones, closest first. A name of the next plan is never paired twice.
/// Each promise gets the index of its candidate and whether the match is only similar.
pub(super) fn match_names(promises: &[&str], candidates: &[&str]) -> Vec<Option<(usize, bool)>> {
    // Through indexes (equal names by hash, similar ones among candidates sharing rare
    // character pairs), so thousands of names are not compared pair by pair.
    super::pairing::match_names(promises, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_width_space_and_punctuation() {
        assert_eq!(
            normalise_name("Parking  Meter（Occupancy）"),
            "parkingmeteroccupancy"
        );
        assert_eq!(
            normalise_name("ＰＡＲＫＩＮＧ meter, occupancy."),
            "parkingmeteroccupancy"
        );
        assert_eq!(normalise_name("警崗/管制站/報案中心"), "警崗管制站報案中心");
        assert_eq!(normalise_name("「公共圖書館」位置。"), "公共圖書館位置");
        assert_eq!(normalise_name("Ｄａｔａ　Ｓｅｔ"), "dataset");
        assert_eq!(
            normalise_name("銀\u{FA08}\u{F969}據"),
            normalise_name("銀行數據")
        );
    }

    #[test]
    fn similar_names_are_within_a_fifth_or_contained() {
        assert_eq!(
            fuzzy_distance("publiclibrarylocations", "publiclibrarieslocations"),
            Some(3)
        );
        assert_eq!(
            fuzzy_distance("公共圖書館位置", "公共圖書館位置資料"),
            Some(2)
        );
        assert_eq!(fuzzy_distance("罪案", "毒品"), None);
        assert_eq!(fuzzy_distance("a", "ab"), None);
        assert_eq!(fuzzy_distance("parkingmeters", "trafficlights"), None);
    }

    #[test]
    fn a_later_row_is_never_matched_twice() {
        let fold = |names: &[&str]| names.iter().map(|n| normalise_name(n)).collect::<Vec<_>>();
        let promises = fold(&[
            "Public library locations",
            "Public libraries locations",
            "Public library location",
        ]);
        let promises: Vec<&str> = promises.iter().map(String::as_str).collect();
        let candidates = fold(&["Public Library Locations"]);
        let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let matched = match_names(&promises, &candidates);
        assert_eq!(matched, vec![Some((0, false)), None, None]);
        let candidates = fold(&["Public library locationss", "Sports grounds"]);
        let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let matched = match_names(&promises, &candidates);
        assert_eq!(matched.iter().flatten().count(), 1);
        assert_eq!(matched[0], Some((0, true)));
    }
}
