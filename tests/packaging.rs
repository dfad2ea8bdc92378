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

#[test]
fn needs_pre_commit_hooks_install_the_wheel_without_the_network() {
    let Some(pre_commit) = common::require_program("pre-commit") else {
        return;
    };
    let Some(maturin) = common::require_program("maturin") else {
        return;
    };
    let wheels = wheel_dir(&maturin);
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("plans repo");
    std::fs::create_dir_all(repo.join("plans/hkpf")).unwrap();
    std::fs::copy(root().join(SEED), repo.join(SEED)).unwrap();
    // The configuration docs/ci.md's "Pre-commit" section gives for machines without Rust.
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: odplint\n        name: odplint\n        \
         entry: odplint check\n        args: [--format, concise]\n        language: python\n        \
         additional_dependencies: [\"odplint=={}\"]\n        files: (^|/)plans/.+\\.(ya?ml|json)$\n",
        env!("CARGO_PKG_VERSION")
    );
    let readme = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    assert!(
        readme.contains("additional_dependencies: [\"odplint==")
            && readme.contains("language: python"),
        "docs/ci.md shows the wheel hook"
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    let git = |args: &[&str]| {
        run(Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&repo));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    // pip splits PIP_FIND_LINKS at spaces.
    let find_links = format!(
        "{} {}",
        wheels.display(),
        seed_wheels(&pre_commit).display()
    );
    let started = Instant::now();
    let output = Command::new(&pre_commit)
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(&repo)
        .env("PRE_COMMIT_HOME", dir.path().join("cache"))
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
    // Reported, not asserted: timings belong to benchmarks, and this machine is shared.
    eprintln!(
        "pre-commit's first run (environment from the wheel, then the check): {first_run:.1?}"
    );
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
