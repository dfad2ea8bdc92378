//! What this binary is: its version, the commit and date it was built from, the target and the
//! compiler (recorded by build.rs), for `--version` and for bug reports (`version --json`).

use serde::Serialize;

// Shared with build.rs; the audit report dates itself with it too.
#[path = "build_date.rs"]
pub(crate) mod build_date;

/// The crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The full commit hash, or `unknown` when built outside git without packaging metadata.
pub const COMMIT: &str = env!("ODPLINT_COMMIT");
/// YYYY-MM-DD, from SOURCE_DATE_EPOCH when the build set it.
pub const BUILD_DATE: &str = env!("ODPLINT_BUILD_DATE");
/// The target triple, e.g. `x86_64-unknown-linux-musl`.
pub const TARGET: &str = env!("ODPLINT_TARGET");

/// `0.1.0 (1a2d2e2c4 2026-12-02)`: what `odplint --version` prints after the name, in the
/// shape of `cargo --version`.
pub const LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("ODPLINT_COMMIT_SHORT"),
    " ",
    env!("ODPLINT_BUILD_DATE"),
    ")"
);

/// Everything known about the build, as `odplint version --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuildInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub commit: &'static str,
    pub build_date: &'static str,
    pub target: &'static str,
    pub profile: &'static str,
    pub rustc: &'static str,
    pub features: Vec<&'static str>,
}

impl BuildInfo {
    pub fn current() -> Self {
        BuildInfo {
            name: env!("CARGO_PKG_NAME"),
            version: VERSION,
            commit: COMMIT,
            build_date: BUILD_DATE,
            target: TARGET,
            profile: env!("ODPLINT_PROFILE"),
            rustc: env!("ODPLINT_RUSTC"),
            features: env!("ODPLINT_FEATURES")
                .split(',')
                .filter(|f| !f.is_empty())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_line_names_the_version_commit_and_date() {
        assert!(LINE.starts_with(VERSION));
        let inside = LINE
            .strip_prefix(VERSION)
            .and_then(|rest| rest.strip_prefix(" ("))
            .and_then(|rest| rest.strip_suffix(')'))
            .expect("`VERSION (commit date)`");
        let (commit, date) = inside.split_once(' ').expect("a commit and a date");
        assert!(
            COMMIT.starts_with(commit),
            "{commit} is a prefix of {COMMIT}"
        );
        assert_eq!(date, BUILD_DATE);
    }

    #[test]
    fn the_build_date_is_a_calendar_date() {
        let parts: Vec<&str> = BUILD_DATE.split('-').collect();
        assert_eq!(parts.len(), 3, "{BUILD_DATE}");
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [4, 2, 2]);
        let month: u32 = parts[1].parse().unwrap();
        let day: u32 = parts[2].parse().unwrap();
        assert!((1..=12).contains(&month) && (1..=31).contains(&day));
    }

    #[test]
    fn the_commit_is_a_hash_or_unknown() {
        assert!(
            COMMIT == "unknown"
                || (COMMIT.len() == 40 && COMMIT.chars().all(|c| c.is_ascii_hexdigit())),
            "{COMMIT}"
        );
        assert!(!TARGET.is_empty());
    }
}
