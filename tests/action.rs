//! The scripts of the GitHub Action (action.yml runs .github/action/*.sh), run for real with the
//! environment a runner gives them: choosing the build, installing a release after checking its
//! checksum, and checking plans once for both annotations and SARIF.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = "plans/hkpf/2024-2026.zh-Hant.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs one of the action's scripts with bash, in `cwd`, with `env` added to a runner-like
/// environment (GITHUB_OUTPUT and GITHUB_ACTION_PATH set).
fn script(name: &str, cwd: &Path, output_file: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("bash");
    command
        .arg(root().join(".github/action").join(name))
        .current_dir(cwd)
        .env("GITHUB_OUTPUT", output_file)
        .env("GITHUB_ACTION_PATH", root())
        .env("LANG", "C");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn outputs(file: &Path) -> HashMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// PATH with the odplint under test first.
fn path_with_odplint() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_odplint")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn needs_bash_the_action_checks_paths_with_spaces_once_for_annotations_and_sarif() {
    let Some(_bash) = common::require_program("bash") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("plans of 2024");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(root().join(SEED), folder.join("police plan.yaml")).unwrap();
    let github_output = dir.path().join("github-output");
    let output = script(
        "check.sh",
        dir.path(),
        &github_output,
        &[
            // One path per line, as a YAML block gives them: indented, with a blank line.
            ("ODPLINT_PATHS", "  plans of 2024/police plan.yaml\n\n"),
            ("ODPLINT_SARIF", "reports/odplint results.sarif"),
            ("ODPLINT_FAIL_ON", "error"),
            ("ODPLINT_ANNOTATIONS", "true"),
            ("PATH", &path_with_odplint()),
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The SARIF's folder does not exist: the report cannot be written, a tool error.
    assert_eq!(output.status.code(), Some(2), "{stdout}\n{stderr}");

    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    let output = script(
        "check.sh",
        dir.path(),
        &github_output,
        &[
            ("ODPLINT_PATHS", "  plans of 2024/police plan.yaml\n\n"),
            ("ODPLINT_SARIF", "reports/odplint results.sarif"),
            ("ODPLINT_FAIL_ON", "error"),
            ("ODPLINT_ANNOTATIONS", "true"),
            ("PATH", &path_with_odplint()),
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 5, "{stdout}");
    assert!(
        annotations
            .iter()
            .all(|a| a.contains("file=plans of 2024/police plan.yaml"))
    );
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("reports/odplint results.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 5);
    assert_eq!(
        outputs(&github_output)["sarif-file"],
        "reports/odplint results.sarif"
    );

    // Without annotations the log gets one line per finding, and the SARIF is the same.
    let output = script(
        "check.sh",
        dir.path(),
        &github_output,
        &[
            ("ODPLINT_PATHS", "plans of 2024"),
            ("ODPLINT_SARIF", "reports/odplint results.sarif"),
            ("ODPLINT_FAIL_ON", "error"),
            ("ODPLINT_ANNOTATIONS", "false"),
            ("PATH", &path_with_odplint()),
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(!stdout.contains("::error"), "{stdout}");
    assert_eq!(stdout.matches("error[D001]").count(), 3, "{stdout}");

    let output = script(
        "check.sh",
        dir.path(),
        &github_output,
        &[
            ("ODPLINT_PATHS", " \n"),
            ("ODPLINT_SARIF", "x.sarif"),
            ("ODPLINT_FAIL_ON", "error"),
            ("ODPLINT_ANNOTATIONS", "true"),
            ("PATH", &path_with_odplint()),
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("names no file or folder"));
}

/// A release folder laid out as GitHub serves one: `vVERSION/ARCHIVE` and `ARCHIVE.sha256`.
fn fake_release(dir: &Path, version: &str, target: &str, checksum_of: &[u8]) -> PathBuf {
    let releases = dir.join("releases");
    let name = format!("odplint-{version}-{target}");
    let staging = dir.join("staging").join(&name);
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_odplint"), staging.join("odplint")).unwrap();
    let tag = releases.join(format!("v{version}"));
    std::fs::create_dir_all(&tag).unwrap();
    let archive = tag.join(format!("{name}.tar.gz"));
    let status = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.join("staging"))
        .arg(&name)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = if checksum_of.is_empty() {
        std::fs::read(&archive).unwrap()
    } else {
        checksum_of.to_vec()
    };
    let hash = Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(&bytes)?;
            child.wait_with_output()
        })
        .unwrap();
    let hash = String::from_utf8(hash.stdout).unwrap();
    let hash = hash.split_whitespace().next().unwrap();
    std::fs::write(
        tag.join(format!("{name}.tar.gz.sha256")),
        format!("{hash}  {name}.tar.gz\n"),
    )
    .unwrap();
    releases
}

#[test]
fn needs_curl_the_action_installs_a_release_only_when_its_checksum_matches() {
    let Some(_curl) = common::require_program("curl") else {
        return;
    };
    if common::require_program("sha256sum").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let github_output = dir.path().join("github-output");
    let tool_cache = dir.path().join("tool cache");
    let version = env!("CARGO_PKG_VERSION");
    let tag = format!("v{version}");
    let runner = [
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "X64"),
        ("RUNNER_TOOL_CACHE", tool_cache.to_str().unwrap()),
        ("ACTION_REF", tag.as_str()),
        ("ACTION_REPOSITORY", "odplint/odplint"),
    ];
    let output = script("resolve.sh", dir.path(), &github_output, &runner);
    assert!(output.status.success(), "{output:?}");
    let resolved = outputs(&github_output);
    assert_eq!(resolved["version"], version);
    assert_eq!(resolved["target"], "x86_64-unknown-linux-musl");
    assert_eq!(
        resolved["cache-key"],
        format!("odplint-release-{version}-x86_64-unknown-linux-musl")
    );
    let install_dir = resolved["install-dir"].clone();
    assert!(
        install_dir.starts_with(tool_cache.to_str().unwrap()),
        "{install_dir}"
    );

    let install = |releases: &Path| {
        let url = format!("file://{}", releases.display());
        let mut env = runner.to_vec();
        env.extend([
            ("ODPLINT_VERSION", version),
            ("ODPLINT_TARGET", "x86_64-unknown-linux-musl"),
            ("ODPLINT_INSTALL_DIR", install_dir.as_str()),
            ("ODPLINT_RELEASES_URL", url.as_str()),
        ]);
        script("install.sh", dir.path(), &github_output, &env)
    };
    // A tampered archive (its checksum is of other bytes) is refused and nothing is installed.
    let bad = fake_release(
        &dir.path().join("bad"),
        version,
        "x86_64-unknown-linux-musl",
        b"other",
    );
    let output = install(&bad);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("::error title=odplint::the checksum")
    );
    let installed = Path::new(&install_dir).join("bin/odplint");
    assert!(!installed.exists());

    let good = fake_release(
        &dir.path().join("good"),
        version,
        "x86_64-unknown-linux-musl",
        b"",
    );
    let output = install(&good);
    assert!(output.status.success(), "{output:?}");
    let version_line = Command::new(&installed).arg("--version").output().unwrap();
    assert!(
        String::from_utf8_lossy(&version_line.stdout).starts_with(&format!("odplint {version} ("))
    );

    // A branch or a commit has no release: the sources' hash keys the cache, cargo builds.
    std::fs::write(&github_output, "").unwrap();
    let mut unreleased = runner.to_vec();
    unreleased.retain(|(k, _)| *k != "ACTION_REF");
    unreleased.push(("ACTION_REF", "main"));
    let output = script("resolve.sh", dir.path(), &github_output, &unreleased);
    assert!(output.status.success(), "{output:?}");
    let resolved = outputs(&github_output);
    assert_eq!(resolved["version"], "");
    assert!(
        resolved["cache-key"].starts_with("odplint-source-Linux-X64-"),
        "{resolved:?}"
    );
}
