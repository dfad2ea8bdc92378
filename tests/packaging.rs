//! The ways odplint reaches its users, each tried for real: the Python wheel in a fresh virtual
//! environment, pre-commit installing that wheel without the network, the workflows through
//! actionlint, and `cargo package`. `.ci/run` builds the wheel once (ODPLINT_WHEEL_DIR) for
//! the tests that need it; without it the first such test builds one with maturin.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

const SEED: &str = "plans/hkpf/2024-2026.zh-Hant.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(command: &mut Command) -> std::process::Output {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The folder holding this version's wheel: ODPLINT_WHEEL_DIR, else one built here once.
fn wheel_dir(maturin: &Path) -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        if let Some(dir) = std::env::var_os("ODPLINT_WHEEL_DIR") {
            return PathBuf::from(dir);
        }
        let dir = root().join("target/test-wheels");
        run(Command::new(maturin)
            .args(["build", "--release", "--out"])
            .arg(&dir)
            .current_dir(root()));
        dir
    })
}

fn wheel(dir: &Path) -> PathBuf {
    let prefix = format!("odplint-{}-", env!("CARGO_PKG_VERSION"));
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(".whl")
        })
        .unwrap_or_else(|| panic!("no {prefix}*.whl in {}", dir.display()))
}

fn venv_bin(venv: &Path, program: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{program}.exe"))
    } else {
        venv.join("bin").join(program)
    }
}

/// The five published defects of the police plan, in the concise format.
fn assert_five_findings(output: &std::process::Output) {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let codes: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.split_once('[')?.1.split_once(']'))
        .map(|(code, _)| code)
        .collect();
    assert_eq!(codes, ["T006", "D001", "D001", "T001", "D001"], "{stdout}");
}

#[test]
fn needs_maturin_one_pip_install_of_the_wheel_gives_a_working_odplint() {
    let Some(maturin) = common::require_program("maturin") else {
        return;
    };
    let wheel = wheel(wheel_dir(&maturin));
    let dir = tempfile::tempdir().unwrap();
    let venv = dir.path().join("venv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    // The one install a user runs; --no-index: nothing but the wheel may be needed.
    run(Command::new(venv_bin(&venv, "pip"))
        .args(["install", "--quiet", "--no-index"])
        .arg(&wheel));
    let odplint = venv_bin(&venv, "odplint");
    let version = run(Command::new(&odplint).arg("--version"));
    let version = String::from_utf8(version.stdout).unwrap();
    assert!(
        version.starts_with(&format!("odplint {} (", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    let output = Command::new(&odplint)
        .args(["check", "--format", "concise", SEED])
        .env("LANG", "C")
        .current_dir(root())
        .output()
        .unwrap();
    assert_five_findings(&output);
}

/// The Python that runs pre-commit (its script's `#!` line), whose virtualenv package carries
/// the pip and setuptools wheels that a new hook environment needs.
fn seed_wheels(pre_commit: &Path) -> PathBuf {
    let script = std::fs::read_to_string(pre_commit).unwrap();
    let python = script
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("#!"))
        .map(str::trim)
        .expect("pre-commit is a Python script");
    let output = run(Command::new(python).args([
        "-c",
        "import os, virtualenv.seed.wheels.embed as e; print(os.path.dirname(e.__file__))",
    ]));
    PathBuf::from(String::from_utf8(output.stdout).unwrap().trim())
}

/// `git` with a fixed author in `dir`.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    run(Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir))
}

/// A plans repository (its path has a space) holding the police plan and `config` as its
/// `.pre-commit-config.yaml`; pre-commit's first run there, with pip kept off the network (only
/// the local wheel and the pip and setuptools wheels pre-commit's virtualenv carries). Asserts
/// the police plan's findings and returns the run's time.
fn first_pre_commit_run(
    pre_commit: &Path,
    wheels: &Path,
    dir: &Path,
    config: &str,
) -> std::time::Duration {
    let repo = dir.join("plans repo");
    std::fs::create_dir_all(repo.join("plans/hkpf")).unwrap();
    std::fs::copy(root().join(SEED), repo.join(SEED)).unwrap();
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    // pip splits PIP_FIND_LINKS at spaces.
    let find_links = format!("{} {}", wheels.display(), seed_wheels(pre_commit).display());
    let started = Instant::now();
    let output = Command::new(pre_commit)
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(&repo)
        .env("PRE_COMMIT_HOME", dir.join("cache"))
        .env("PIP_NO_INDEX", "1")
        .env("PIP_FIND_LINKS", find_links)
        .env("LANG", "C")
        .output()
        .unwrap();
    let first_run = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("odplint....") && stdout.contains("Failed"),
        "{stdout}"
    );
    for finding in [
        "warning[T006]",
        "error[D001] `2/2015`",
        "error[D001] `5/2016`",
        "warning[T001]",
    ] {
        assert!(stdout.contains(finding), "{finding}: {stdout}");
    }
    first_run
}

#[test]
fn needs_pre_commit_a_local_hook_installs_the_wheel_without_the_network() {
    let Some(pre_commit) = common::require_program("pre-commit") else {
        return;
    };
    let Some(maturin) = common::require_program("maturin") else {
        return;
    };
    let wheels = wheel_dir(&maturin);
    let dir = tempfile::tempdir().unwrap();
    // The configuration docs/ci.md's "Pre-commit" section gives for a local hook.
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: odplint\n        name: odplint\n        \
         entry: odplint check\n        args: [--format, concise]\n        language: python\n        \
         additional_dependencies: [\"odplint=={}\"]\n        files: (^|/)plans/.+\\.(ya?ml|json)$\n",
        env!("CARGO_PKG_VERSION")
    );
    let docs = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    assert!(
        docs.contains("additional_dependencies: [\"odplint==") && docs.contains("language: python"),
        "docs/ci.md shows the wheel hook"
    );
    let first_run = first_pre_commit_run(&pre_commit, wheels, dir.path(), &config);
    // Reported, not asserted: timings belong to benchmarks, and this machine is shared.
    eprintln!(
        "pre-commit's first run (environment from the wheel, then the check): {first_run:.1?}"
    );
}

const MIRROR: &str = "tools/pre-commit-mirror";

/// The hook repository for machines without Rust, as pre-commit gets it: the mirror folder
/// committed alone into a git repository of its own, used with `repo: <its path>` and `rev:`
/// its commit. pre-commit pip-installs the mirror package, whose one dependency is the wheel.
#[test]
fn needs_pre_commit_the_hook_mirror_installs_the_wheel_without_the_network() {
    let Some(pre_commit) = common::require_program("pre-commit") else {
        return;
    };
    let Some(maturin) = common::require_program("maturin") else {
        return;
    };
    let wheels = wheel_dir(&maturin);
    let dir = tempfile::tempdir().unwrap();
    let hooks = dir.path().join("odplint-pre-commit");
    std::fs::create_dir_all(&hooks).unwrap();
    for entry in std::fs::read_dir(root().join(MIRROR)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, hooks.join(path.file_name().unwrap())).unwrap();
    }
    git(&hooks, &["init", "-q"]);
    git(&hooks, &["add", "-A"]);
    git(&hooks, &["commit", "-q", "-m", "hooks"]);
    let rev = String::from_utf8(git(&hooks, &["rev-parse", "HEAD"]).stdout).unwrap();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: odplint\n",
        hooks.display(),
        rev.trim()
    );
    let first_run = first_pre_commit_run(&pre_commit, wheels, dir.path(), &config);
    eprintln!(
        "pre-commit's first run through the hook mirror (mirror package and wheel installed, \
         then the check): {first_run:.1?}"
    );
}

/// The mirror's hooks are the root's `language: rust` hooks with `language: python`, and it
/// pins the wheel of this very version (bumped at each release; CONTRIBUTING.md).
#[test]
fn the_hook_mirror_pins_this_version_and_offers_the_same_hooks() {
    let read = |path: &Path| std::fs::read_to_string(path).unwrap();
    let pyproject: toml::Value =
        toml::from_str(&read(&root().join(MIRROR).join("pyproject.toml"))).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(pyproject["project"]["version"].as_str(), Some(version));
    let dependencies: Vec<&str> = pyproject["project"]["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(dependencies, [format!("odplint=={version}")]);
    let hooks = |path: &Path| -> Vec<serde_json::Value> {
        let text = read(path);
        let document = odplint::document::Document::parse(path.to_string_lossy(), &text);
        serde_json::from_value(document.value().unwrap()).unwrap()
    };
    let rust = hooks(&root().join(".pre-commit-hooks.yaml"));
    let python = hooks(&root().join(MIRROR).join(".pre-commit-hooks.yaml"));
    assert_eq!(rust.len(), python.len());
    for (rust, python) in rust.iter().zip(&python) {
        assert_eq!(rust["language"], "rust");
        assert_eq!(python["language"], "python");
        for key in [
            "id",
            "name",
            "description",
            "entry",
            "args",
            "files",
            "require_serial",
        ] {
            assert_eq!(rust[key], python[key], "{key} of {}", rust["id"]);
        }
    }
}

#[test]
fn needs_actionlint_accepts_every_workflow() {
    let Some(actionlint) = common::require_program("actionlint") else {
        return;
    };
    let workflows: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    for name in ["ci.yml", "odplint.yml", "release.yml"] {
        assert!(workflows.iter().any(|p| p.ends_with(name)), "{name}");
    }
    let output = Command::new(actionlint)
        .args(["-no-color"])
        .args(&workflows)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_packaged_crate_carries_the_sources_and_nothing_of_the_repository_besides() {
    let output = run(Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--quiet"])
        .current_dir(root()));
    let files: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    for needed in [
        "Cargo.toml",
        "build.rs",
        "src/main.rs",
        "src/lib.rs",
        "schemas/plan.schema.json",
        "README.md",
        "LICENSE",
    ] {
        assert!(
            files.iter().any(|f| f == needed),
            "{needed} is packaged: {files:?}"
        );
    }
    for file in &files {
        for kept_out in [
            "tests/",
            "fuzz/",
            "plans/",
            "benches/",
            "examples/",
            "tools/",
            ".github/",
            "target/",
        ] {
            assert!(!file.starts_with(kept_out), "{file} is packaged");
        }
    }
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("Cargo.toml")).unwrap()).unwrap();
    let package = &manifest["package"];
    for key in [
        "repository",
        "homepage",
        "keywords",
        "categories",
        "include",
        "rust-version",
        "license",
    ] {
        assert!(package.get(key).is_some(), "Cargo.toml has package.{key}");
    }
}

/// `cargo package` itself, offline (the registry cache the build filled is enough; nothing is
/// fetched): the `.crate` file is written. `--no-verify` because verifying builds the whole
/// crate again; `.ci/run` runs the verifying `cargo package --offline` once per CI run.
#[test]
fn cargo_package_writes_the_crate_offline() {
    let dir = tempfile::tempdir().unwrap();
    run(Command::new(env!("CARGO"))
        .args([
            "package",
            "--no-verify",
            "--offline",
            "--locked",
            "--allow-dirty",
            "--quiet",
        ])
        .arg("--target-dir")
        .arg(dir.path())
        .current_dir(root()));
    let name = format!("odplint-{}.crate", env!("CARGO_PKG_VERSION"));
    let size = std::fs::metadata(dir.path().join("package").join(&name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .len();
    // The sources compress to a few hundred KB; the plans, fixtures and fuzz seeds would be MBs.
    assert!(
        (100_000..2_000_000).contains(&size),
        "{name} is {size} bytes"
    );
}

/// README's install section offers the ways in the order users without Rust need them: pip,
/// then the release binaries, then cargo.
#[test]
fn the_readme_installs_with_pip_then_release_binaries_then_cargo() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("\n## Install\n")
        .expect("README has an Install section");
    let section = &readme[start + 1..];
    let section = &section[..section[1..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 1)];
    let at = |wanted: &str| {
        section
            .find(wanted)
            .unwrap_or_else(|| panic!("the Install section lacks {wanted:?}:\n{section}"))
    };
    let pip = at("pip install odplint");
    let binary = at("**A release binary.**");
    let cargo = at("cargo install --locked odplint");
    assert!(pip < binary && binary < cargo, "{section}");
    for way in ["pipx install odplint", "uv tool install odplint"] {
        assert!(at(way) < binary, "{way} belongs to the pip way");
    }
}

#[test]
fn the_wheel_takes_its_version_from_cargo() {
    let pyproject: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("pyproject.toml")).unwrap()).unwrap();
    assert_eq!(
        pyproject["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(
        pyproject["tool"]["maturin"]["bindings"].as_str(),
        Some("bin")
    );
    assert_eq!(pyproject["project"]["name"].as_str(), Some("odplint"));
    assert!(
        pyproject["project"].get("version").is_none(),
        "the version lives in Cargo.toml only"
    );
    let dynamic = pyproject["project"]["dynamic"].as_array().unwrap();
    assert!(dynamic.iter().any(|v| v.as_str() == Some("version")));
}

#[test]
fn needs_shellcheck_the_action_scripts_are_clean() {
    let Some(shellcheck) = common::require_program("shellcheck") else {
        return;
    };
    let scripts: Vec<PathBuf> = std::fs::read_dir(root().join(".github/action"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    assert_eq!(scripts.len(), 3, "{scripts:?}");
    run(Command::new(shellcheck)
        .arg(".ci/run")
        .args(&scripts)
        .current_dir(root()));
}

/// The manifest's `rust-version` is what the code builds with: every dependency asks for no newer
/// Rust, and a CI job builds with exactly that toolchain, read from the manifest.
#[test]
fn rust_version_is_checked_by_its_own_ci_job_and_no_dependency_needs_newer() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let ours = manifest
        .lines()
        .find_map(|line| line.strip_prefix("rust-version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("rust-version in Cargo.toml");
    let parse = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap()).collect() };
    // The packages this machine builds: offline, the registry cache holds only those (a fresh
    // build fetches no other platform's crates).
    let rustc = run(Command::new("rustc").arg("-vV"));
    let host = String::from_utf8(rustc.stdout)
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let metadata = run(Command::new(env!("CARGO")).current_dir(root()).args([
        "metadata",
        "--format-version",
        "1",
        "--offline",
        "--locked",
        "--filter-platform",
        &host,
    ]));
    assert!(metadata.status.success());
    let metadata: serde_json::Value = serde_json::from_slice(&metadata.stdout).unwrap();
    for package in metadata["packages"].as_array().unwrap() {
        if let Some(theirs) = package["rust_version"].as_str() {
            let mut theirs = parse(theirs);
            theirs.resize(3, 0);
            let mut ours = parse(ours);
            ours.resize(3, 0);
            assert!(
                theirs <= ours,
                "{} {} needs Rust {theirs:?}, above rust-version {ours:?}",
                package["name"],
                package["version"]
            );
        }
    }
    let ci = std::fs::read_to_string(root().join(".github/workflows/ci.yml")).unwrap();
    assert!(
        ci.contains("rust-version:")
            && ci.contains("s/^rust-version = ")
            && ci.contains("cargo \"+$version\" check --locked"),
        "ci.yml has no job that builds with the manifest's rust-version"
    );
}
