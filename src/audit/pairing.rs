//! Pairing that stays near linear on large plans: names matched through indexes (equal folded
//! names by hash, similar ones only among candidates that share rare character pairs, a bounded
//! number of them), and rows of two language versions aligned within a band around the
//! diagonal. Small inputs get exactly what the full comparisons gave.

use std::collections::HashMap;

use super::names::fuzzy_distance;

/// The most posting entries read for one promise when gathering similar candidates.
const POSTING_BUDGET: usize = 4096;
/// The most candidates whose edit distance is computed for one promise.
const MAX_CANDIDATES: usize = 64;

/// The character pairs of a folded name (its only character when it has one).
fn pairs(name: &str) -> Vec<u64> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() == 1 {
        return vec![u64::from(u32::from(chars[0]))];
    }
    let mut out: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1])))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Pairs promised names with names of the next plan, both folded: equal names first (each to
/// the first unused equal candidate), then similar ones, closest first. A candidate is never
/// paired twice. Each promise gets the index of its candidate and whether the match is only
/// similar.
///
/// Two names within the edit distance [`fuzzy_distance`] allows, or one containing the other,
/// always share a character pair; so similar names are looked for only among candidates that
/// share pairs with the promise, the rarest pairs first, at most [`POSTING_BUDGET`] entries
/// read and [`MAX_CANDIDATES`] compared. When every candidate fits in these bounds (plans of a
/// few hundred rows) the result is that of comparing every pair.
pub(super) fn match_names(promises: &[&str], candidates: &[&str]) -> Vec<Option<(usize, bool)>> {
    let mut matched: Vec<Option<(usize, bool)>> = vec![None; promises.len()];
    let mut used = vec![false; candidates.len()];
    // Equal names: each name's candidates in order, taken from the front.
    let mut equal: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
    for (c, candidate) in candidates.iter().enumerate() {
        equal.entry(candidate).or_default().push_back(c);
    }
    for (p, promise) in promises.iter().enumerate() {
        if promise.is_empty() {
            continue;
        }
        if let Some(c) = equal.get_mut(promise).and_then(|queue| queue.pop_front()) {
            used[c] = true;
            matched[p] = Some((c, false));
        }
    }
    // Similar names among the rest.
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (c, candidate) in candidates.iter().enumerate() {
        if used[c] || candidate.is_empty() {
            continue;
        }
        for pair in pairs(candidate) {
            postings.entry(pair).or_default().push(c);
        }
    }
    let mut shared: HashMap<usize, usize> = HashMap::new();
    let mut found = Vec::new();
    for (p, promise) in promises.iter().enumerate() {
        if matched[p].is_some() || promise.is_empty() {
            continue;
        }
        let mut lists: Vec<&Vec<usize>> = pairs(promise)
            .iter()
            .filter_map(|pair| postings.get(pair))
            .collect();
        lists.sort_by_key(|list| list.len());
        shared.clear();
        let mut read = 0;
        for list in lists {
            if read >= POSTING_BUDGET {
                break;
            }
            let take = list.len().min(POSTING_BUDGET - read);
            for &c in &list[..take] {
                *shared.entry(c).or_default() += 1;
            }
            read += take;
        }
        let mut ranked: Vec<(usize, usize)> = shared.iter().map(|(&c, &n)| (n, c)).collect();
        // Most shared pairs first; ties in candidate order.
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, c) in ranked.iter().take(MAX_CANDIDATES) {
            if let Some(distance) = fuzzy_distance(promise, candidates[c]) {
                found.push((distance, c, p));
            }
        }
    }
    // Candidates come in section order (D first), so equal distances prefer a release.
    found.sort_unstable();
    for (_, c, p) in found {
        if !used[c] && matched[p].is_none() {
            used[c] = true;
            matched[p] = Some((c, true));
        }
    }
    matched
}

/// Tables up to this many cells (rows times rows) are aligned over every pair.
const FULL_ALIGNMENT: usize = 250_000;
/// How far off the diagonal (beyond the difference in row counts) a banded alignment looks.
const BAND: usize = 64;

/// Pairs the rows of two tables in order, allowing rows without a counterpart: the alignment
/// of least cost, where `pair_cost(i, j)` is the cost of pairing row `i` with row `j` and
/// leaving a row unpaired costs `skip`. Large tables are aligned within a band around the
/// diagonal (rows of two language versions stand in nearly the same order), so the cost is
/// linear in the rows.
pub(super) fn align(
    n: usize,
    m: usize,
    skip: usize,
    pair_cost: impl Fn(usize, usize) -> usize,
) -> Vec<(Option<usize>, Option<usize>)> {
    let band = if n.saturating_mul(m) <= FULL_ALIGNMENT {
        n.max(m)
    } else {
        n.abs_diff(m) + BAND
    };
    // Column j of row i is stored at j - low(i); cells outside the band cost "infinity".
    let low = |i: usize| (i * m / n.max(1)).saturating_sub(band);
    let high = |i: usize| ((i * m / n.max(1)) + band).min(m);
    const FAR: usize = usize::MAX / 4;
    let width = 2 * band + 2;
    // cost[i][k]: the cheapest alignment of rows i.. with columns low(i)+k..
    let mut cost = vec![vec![FAR; width]; n + 1];
    let mut paired = vec![vec![FAR; width]; n];
    let at = |cost: &Vec<Vec<usize>>, i: usize, j: usize| -> usize {
        if i > n || j > m {
            return FAR;
        }
        let (lo, hi) = (low(i), high(i));
        if j < lo || j > hi {
            if i == n {
                return (m - j) * skip;
            }
            if j == m {
                return (n - i) * skip;
            }
            return FAR;
        }
        cost[i][j - lo]
    };
    for i in (0..=n).rev() {
        let (lo, hi) = (low(i), high(i));
        for j in (lo..=hi).rev() {
            let value = if i == n {
                (m - j) * skip
            } else if j == m {
                (n - i) * skip
            } else {
                let pair = pair_cost(i, j);
                paired[i][j - lo] = pair;
                (pair + at(&cost, i + 1, j + 1))
                    .min(skip + at(&cost, i + 1, j))
                    .min(skip + at(&cost, i, j + 1))
            };
            cost[i][j - lo] = value.min(FAR);
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        let here = at(&cost, i, j);
        let pair = if i < n && j < m && j >= low(i) && j <= high(i) {
            paired[i][j - low(i)]
        } else {
            FAR
        };
        if i < n && j < m && pair < FAR && here == pair + at(&cost, i + 1, j + 1) {
            out.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if i < n && (j == m || here == skip + at(&cost, i + 1, j)) {
            out.push((Some(i), None));
            i += 1;
        } else {
            out.push((None, Some(j)));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair compared, as the audit did before the indexes.
    fn match_all(promises: &[&str], candidates: &[&str]) -> Vec<Option<(usize, bool)>> {
        let mut matched: Vec<Option<(usize, bool)>> = vec![None; promises.len()];
        let mut used = vec![false; candidates.len()];
        for (p, promise) in promises.iter().enumerate() {
            if promise.is_empty() {
                continue;
            }
            if let Some(c) = (0..candidates.len()).find(|&c| !used[c] && candidates[c] == *promise)
            {
                used[c] = true;
                matched[p] = Some((c, false));
            }
        }
        let mut found = Vec::new();
        for (p, promise) in promises.iter().enumerate() {
            if matched[p].is_some() || promise.is_empty() {
                continue;
            }
            for (c, candidate) in candidates.iter().enumerate() {
                if !used[c]
                    && !candidate.is_empty()
                    && let Some(distance) = fuzzy_distance(promise, candidate)
                {
                    found.push((distance, c, p));
                }
            }
        }
        found.sort_unstable();
        for (_, c, p) in found {
            if !used[c] && matched[p].is_none() {
                used[c] = true;
                matched[p] = Some((c, true));
            }
        }
        matched
    }

    #[test]
    fn small_inputs_match_as_comparing_every_pair() {
        let words = [
            "publiclibrarylocations",
            "publiclibrarieslocations",
            "公共圖書館位置",
            "公共圖書館位置資料",
            "罪案",
            "毒品",
            "parkingmeters",
            "trafficlights",
            "trafficlight",
            "ab",
            "a",
            "",
            "交通意外數字",
            "交通意外統計數字",
            "街市攤位",
            "街市攤位資料",
            "sportsgrounds",
            "sportground",
        ];
        // Every ordered choice of a few promises and candidates from the words.
        for shift in 0..words.len() {
            let promises: Vec<&str> = words
                .iter()
                .cycle()
                .skip(shift)
                .step_by(2)
                .take(9)
                .copied()
                .collect();
            let candidates: Vec<&str> = words
                .iter()
                .cycle()
                .skip(shift + 1)
                .step_by(3)
                .take(8)
                .copied()
                .collect();
            assert_eq!(
                match_names(&promises, &candidates),
                match_all(&promises, &candidates),
                "{promises:?} / {candidates:?}"
            );
        }
    }

    #[test]
    fn thousands_of_similar_names_are_matched_quickly_and_rightly() {
        let promises: Vec<String> = (0..1500).map(|i| format!("交通統計數據集{i}號")).collect();
        let candidates: Vec<String> = (0..1500)
            .map(|i| format!("交通統計數據集{i}號資料"))
            .collect();
        let promises: Vec<&str> = promises.iter().map(String::as_str).collect();
        let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let matched = match_names(&promises, &candidates);
        assert!(matched.iter().all(Option::is_some));
        // Most find their own: containment (distance 2) beats every other candidate.
        let own = matched
            .iter()
            .enumerate()
            .filter(|(p, m)| **m == Some((*p, true)))
            .count();
        assert!(own >= 1450, "{own}");
    }

    fn full_align(n: usize, m: usize, skip: usize, cost: &dyn Fn(usize, usize) -> usize) -> usize {
        let mut table = vec![vec![0usize; m + 1]; n + 1];
        for i in (0..=n).rev() {
            for j in (0..=m).rev() {
                table[i][j] = if i == n {
                    (m - j) * skip
                } else if j == m {
                    (n - i) * skip
                } else {
                    (cost(i, j) + table[i + 1][j + 1])
                        .min(skip + table[i + 1][j])
                        .min(skip + table[i][j + 1])
                };
            }
        }
        table[0][0]
    }

    fn total(
        path: &[(Option<usize>, Option<usize>)],
        skip: usize,
        cost: &dyn Fn(usize, usize) -> usize,
    ) -> usize {
        path.iter()
            .map(|pair| match pair {
                (Some(i), Some(j)) => cost(*i, *j),
                _ => skip,
            })
            .sum()
    }

    #[test]
    fn alignment_is_optimal_on_small_tables_and_linear_on_large_ones() {
        // Rows equal when their keys are equal; one table has rows inserted and removed.
        let zh: Vec<usize> = (0..40).filter(|k| k % 7 != 3).collect();
        let en: Vec<usize> = (0..40).filter(|k| k % 5 != 1).collect();
        let cost = |i: usize, j: usize| if zh[i] == en[j] { 0 } else { 4 };
        let path = align(zh.len(), en.len(), 5, cost);
        assert_eq!(
            total(&path, 5, &cost),
            full_align(zh.len(), en.len(), 5, &cost)
        );
        let paired = path
            .iter()
            .filter(|p| matches!(p, (Some(_), Some(_))))
            .count();
        assert!(paired >= 28, "{paired}");

        // Banded (more than FULL_ALIGNMENT cells), still optimal when rows stay near the
        // diagonal.
        let zh: Vec<usize> = (0..700).filter(|k| k % 97 != 3).collect();
        let en: Vec<usize> = (0..700).filter(|k| k % 89 != 1).collect();
        assert!(zh.len() * en.len() > FULL_ALIGNMENT);
        let cost = |i: usize, j: usize| if zh[i] == en[j] { 0 } else { 4 };
        let path = align(zh.len(), en.len(), 5, cost);
        assert_eq!(
            total(&path, 5, &cost),
            full_align(zh.len(), en.len(), 5, &cost)
        );

        // 20,000 rows: the equal rows paired (but where a removed row on each side stand
        // close, pairing them as one change can cost less than leaving both unpaired).
        let zh: Vec<usize> = (0..20_000).filter(|k| k % 97 != 3).collect();
        let en: Vec<usize> = (0..20_000).filter(|k| k % 89 != 1).collect();
        let cost = |i: usize, j: usize| if zh[i] == en[j] { 0 } else { 4 };
        let path = align(zh.len(), en.len(), 5, cost);
        let equal = path
            .iter()
            .filter(|p| matches!(p, (Some(i), Some(j)) if zh[*i] == en[*j]))
            .count();
        let expected = (0..20_000).filter(|k| k % 97 != 3 && k % 89 != 1).count();
        assert!(equal * 1000 >= expected * 999, "{equal} of {expected}");
    }
}
