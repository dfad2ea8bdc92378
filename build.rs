//! Records what `odplint --version` and `odplint version --json` report about the build: the
//! commit (from git, else from the `.cargo_vcs_info.json` that `cargo package` writes, else
//! `unknown`), the build date (SOURCE_DATE_EPOCH when set, for reproducible builds), the target
//! and the compiler. Nothing here fails the build: a missing git or a packaged crate only makes
//! the commit `unknown`.

#[path = "src/build_date.rs"]
mod build_date;

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-changed=build.rs");
    let commit = git_commit()
        .or_else(packaged_commit)
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=ODPLINT_COMMIT={commit}");
    let short: String = commit.chars().take(9).collect();
    println!("cargo:rustc-env=ODPLINT_COMMIT_SHORT={short}");
    println!("cargo:rustc-env=ODPLINT_BUILD_DATE={}", build_day());
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=ODPLINT_TARGET={target}");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let rustc_version = run(Command::new(rustc).arg("--version")).unwrap_or_default();
    println!("cargo:rustc-env=ODPLINT_RUSTC={rustc_version}");
    let profile = std::env::var("PROFILE").unwrap_or_default();
    println!("cargo:rustc-env=ODPLINT_PROFILE={profile}");
    let mut features: Vec<String> = std::env::vars()
        .filter_map(|(key, _)| key.strip_prefix("CARGO_FEATURE_").map(str::to_lowercase))
        .map(|name| name.replace('_', "-"))
        .collect();
    features.sort();
    println!("cargo:rustc-env=ODPLINT_FEATURES={}", features.join(","));
    hanzi_tables();
    catalogues();
}

/// Keys with their values packed in one string: the entries as Rust source (`[(key, start, end),
/// ...]`, byte offsets into the string) and the string. Offsets, not `&str`s, so that the
/// tables need no relocation when the program starts.
fn packed<'a, K: std::fmt::Debug>(pairs: impl Iterator<Item = (K, &'a str)>) -> (String, String) {
    let mut entries = String::from("[");
    let mut text = String::new();
    for (key, value) in pairs {
        let start = text.len();
        text.push_str(value);
        entries.push_str(&format!("({key:?}, {start}, {}),", text.len()));
    }
    entries.push(']');
    (entries, text)
}

/// The message catalogues (`src/messages/*.txt`, `id = template` lines) as arrays sorted by id
/// (`$OUT_DIR/catalogues.rs`), so that rendering a message looks it up at once instead of reading
/// a whole catalogue first. An id defined twice fails the build, naming it.
fn catalogues() {
    let mut out = String::new();
    for (name, file) in [
        ("EN", "src/messages/en.txt"),
        ("ZH_HANT", "src/messages/zh-Hant.txt"),
        ("ZH_HANS", "src/messages/zh-Hans.txt"),
    ] {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).expect(file);
        let mut entries: Vec<(&str, &str)> = text
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .filter_map(|line| {
                let (id, template) = line.split_once(" = ")?;
                Some((id.trim(), template))
            })
            .collect();
        sort_unique(&mut entries, file);
        let mut ids = String::new();
        let keyed = entries.iter().map(|&(id, template)| {
            let start = ids.len();
            ids.push_str(id);
            ((start as u32, ids.len() as u32), template)
        });
        let (entries, text) = packed(keyed);
        out.push_str(&format!(
            "static {name}: Catalogue = Catalogue {{ ids: {ids:?}, table: Packed {{ entries: &{entries}, text: {text:?} }} }};\n"
        ));
    }
    write_generated("catalogues.rs", &out);
}

/// `src/vocab/hanzi.tsv` as two sorted Rust arrays (`$OUT_DIR/hanzi_tables.rs`), so that a run
/// looks characters up at once instead of reading 7,000 lines first. A malformed line fails the
/// build, naming it.
fn hanzi_tables() {
    let source = "src/vocab/hanzi.tsv";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("src/vocab/hanzi.tsv");
    let mut simplified_only = Vec::new();
    let mut traditional_only = Vec::new();
    for line in text
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, key, forms] = fields[..] else {
            panic!("{source}: malformed line {line:?}");
        };
        let mut key_chars = key.chars();
        let (Some(key), None) = (key_chars.next(), key_chars.next()) else {
            panic!("{source}: key is not one character in {line:?}");
        };
        match kind {
            "S" => simplified_only.push((key, forms)),
            "T" => traditional_only.push((key, forms)),
            _ => panic!("{source}: unknown kind in {line:?}"),
        }
    }
    let mut out = format!("const HAN_BITS_FROM: u32 = {HAN_BITS_FROM:#X};\n");
    for (name, mut table) in [
        ("SIMPLIFIED_ONLY", simplified_only),
        ("TRADITIONAL_ONLY", traditional_only),
    ] {
        sort_unique(&mut table, source);
        let (entries, text) = packed(table.iter().copied());
        // Which characters of U+3400..U+9FFF (where nearly every character of a plan lies) are
        // keys: a bit each, so that a lookup of any other says no at once.
        let mut bits = vec![0u64; (0xA000 - HAN_BITS_FROM as usize) / 64];
        for &(key, _) in &table {
            if let Some(offset) = u32::from(key)
                .checked_sub(HAN_BITS_FROM)
                .map(|offset| offset as usize)
                .filter(|&offset| offset < bits.len() * 64)
            {
                bits[offset / 64] |= 1 << (offset % 64);
            }
        }
        out.push_str(&format!(
            "static {name}: Packed<char> = Packed {{ entries: &{entries}, text: {text:?} }};\n\
             static {name}_BITS: [u64; {}] = {bits:?};\n",
            bits.len()
        ));
    }
    write_generated("hanzi_tables.rs", &out);
}

/// The first character of the Han tables' bits (CJK Extension A; the bits end with the unified
/// ideographs at U+9FFF).
const HAN_BITS_FROM: u32 = 0x3400;

/// Sorts `entries` by key; a key listed twice in `source` fails the build, naming it.
fn sort_unique<K: Ord + Copy + std::fmt::Debug, V>(entries: &mut [(K, V)], source: &str) {
    entries.sort_by_key(|&(key, _)| key);
    if let Some(pair) = entries.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        panic!("{source}: {:?} is listed twice", pair[0].0);
    }
}

/// Writes a generated Rust file into `$OUT_DIR`, for `include!`.
fn write_generated(name: &str, text: &str) {
    let path = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join(name);
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("write {}: {error}", path.display()));
}

/// The full commit hash of HEAD, when this is a git checkout and git is installed; rebuilt
/// when HEAD moves (a commit, a checkout, a rebase).
fn git_commit() -> Option<String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let git = |args: &[&str]| run(Command::new("git").arg("-C").arg(&manifest).args(args));
    // A packaged crate unpacked inside some other repository must not take that one's commit.
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != Path::new(&manifest).canonicalize().ok()? {
        return None;
    }
    let commit = git(&["rev-parse", "HEAD"])?;
    for watched in ["HEAD", "packed-refs"] {
        rerun_if_exists(&git(&[
            "rev-parse",
            "--path-format=absolute",
            "--git-path",
            watched,
        ]));
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        rerun_if_exists(&git(&[
            "rev-parse",
            "--path-format=absolute",
            "--git-path",
            &branch,
        ]));
    }
    Some(commit)
}

fn rerun_if_exists(path: &Option<String>) {
    if let Some(path) = path
        && Path::new(path).exists()
    {
        println!("cargo:rerun-if-changed={path}");
    }
}

/// `cargo package` records the commit it packaged in `.cargo_vcs_info.json`.
fn packaged_commit() -> Option<String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let text = std::fs::read_to_string(Path::new(&manifest).join(".cargo_vcs_info.json")).ok()?;
    // `"sha1": "<40 hex digits>"`: read without a JSON parser, which a build script would
    // have to compile first.
    let after = &text[text.find("\"sha1\"")? + 6..];
    let start = after.find('"')? + 1;
    let hash: String = after[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (hash.len() == 40).then_some(hash)
}

/// The build date as YYYY-MM-DD (UTC): SOURCE_DATE_EPOCH when set, else now.
fn build_day() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    let (year, month, day) = build_date::civil_from_days(seconds.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

fn run(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}
