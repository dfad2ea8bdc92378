//! `odplint init` starts a plan that checks clean, with its schema and configuration beside it,
//! and never overwrites; `import -o` writes a modeline only when it resolves.

use std::path::Path;

use assert_cmd::Command;

fn odplint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir);
    command
}

/// The `$schema` path of a YAML plan's modeline, if it has one.
fn modeline(text: &str) -> Option<&str> {
    text.lines()
        .next()?
        .strip_prefix("# yaml-language-server: $schema=")
}

#[test]
fn an_initialised_plan_checks_clean_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, organisation) in [
        ("zh-Hant", "香港警務處"),
        ("en", "Hong Kong Police Force"),
        ("zh-Hans", "香港警务处"),
    ] {
        odplint(dir.path())
            .args(["init", "--lang", lang, "--organisation", organisation])
            .args(["--period", "2026-2028", "plans/hkpf"])
            .assert()
            .code(0);
    }
    let folder = dir.path().join("plans/hkpf");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2026-2028.en.yaml",
            "2026-2028.zh-Hans.yaml",
            "2026-2028.zh-Hant.yaml",
            "odplint.toml",
            "plan.schema.json"
        ]
    );
    let output = odplint(dir.path())
        .args(["check", "--fail-on", "info", "--format", "concise", "plans"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("No problems found; files checked: 3."),
        "{stdout}"
    );

    // Every section and table is there with its placeholder row, titled for the period.
    let plan = std::fs::read_to_string(folder.join("2026-2028.zh-Hant.yaml")).unwrap();
    let value = odplint::document::Document::parse("p.yaml", &plan)
        .value()
        .unwrap();
    for section in ["A", "B", "C", "D"] {
        for table in ["spatial", "non_spatial"] {
            let rows = &value["sections"][section][table]["rows"];
            assert_eq!(
                rows,
                &serde_json::json!([{"item": 1, "category": "不適用"}])
            );
        }
    }
    assert_eq!(
        value["sections"]["B"]["title"],
        "在 2027 年及 2028 年發放的局／部門數據集"
    );
    assert_eq!(value["published"], "12/2025");
    let english = std::fs::read_to_string(folder.join("2026-2028.en.yaml")).unwrap();
    assert!(english.contains("title: Datasets to be released by B/D in 2026\n"));
    assert!(english.contains("category: N/A\n"));

    // The modeline resolves to the schema odplint itself uses.
    let schema = folder.join(modeline(&plan).unwrap());
    assert_eq!(
        std::fs::read_to_string(schema).unwrap(),
        odplint::schema::SCHEMA_TEXT
    );
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "init",
        "--lang",
        "en",
        "--organisation",
        "X",
        "--period",
        "2026-2028",
        "--published",
        "11/2025",
        "-o",
        "out/plan.yaml",
    ];
    odplint(dir.path()).args(args).assert().code(0);
    let plan = dir.path().join("out/plan.yaml");
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .contains("published: 11/2025\n")
    );
    std::fs::write(&plan, "mine").unwrap();
    let output = odplint(dir.path()).args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("already exists; `init` never overwrites")
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "mine");

    // A schema file and a configuration of the user's are kept as they are.
    std::fs::write(dir.path().join("out/plan.schema.json"), "{}").unwrap();
    std::fs::write(
        dir.path().join("out/odplint.toml"),
        "fail-on = \"warning\"\n",
    )
    .unwrap();
    let output = odplint(dir.path())
        .args([
            "init",
            "--lang",
            "en",
            "--organisation",
            "X",
            "--period",
            "2026-2028",
            "out",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("Kept the existing `out/plan.schema.json`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Kept the existing `out/odplint.toml`"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/plan.schema.json")).unwrap(),
        "{}"
    );
}

#[test]
fn init_refuses_what_is_not_a_plan_period_or_date() {
    let dir = tempfile::tempdir().unwrap();
    for (args, expected) in [
        (
            vec!["--lang", "en", "--period", "2026-2027"],
            "--period `2026-2027`",
        ),
        (
            vec![
                "--lang",
                "en",
                "--period",
                "2026-2028",
                "--published",
                "12/25",
            ],
            "--published `12/25`",
        ),
        (vec!["--period", "2026-2028"], "give --lang"),
    ] {
        let output = odplint(dir.path())
            .args(["init", "--organisation", "X"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(expected),
            "{expected}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn import_writes_a_modeline_only_where_it_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/hkpf-2024-2026.txt");
    odplint(dir.path())
        .args(["init", "--lang", "zh-Hant", "--organisation", "香港警務處"])
        .args(["--period", "2026-2028", "plans/hkpf"])
        .assert()
        .code(0);

    // Beside and below the schema init wrote: the path resolves from the output's folder.
    for (output, expected) in [
        ("plans/hkpf/2024-2026.zh-Hant.yaml", "plan.schema.json"),
        (
            "plans/hkpf/old/2023-2025.zh-Hant.yaml",
            "../plan.schema.json",
        ),
    ] {
        let path = dir.path().join(output);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        odplint(dir.path())
            .arg("import")
            .arg(&seed)
            .args(["-o", output])
            .assert()
            .code(0);
        let text = std::fs::read_to_string(&path).unwrap();
        let schema = modeline(&text).unwrap();
        assert_eq!(schema, expected);
        assert!(path.parent().unwrap().join(schema).is_file());
    }

    // Where there is no schema file, no modeline, and a note that says why.
    std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
    let output = odplint(dir.path())
        .arg("import")
        .arg(&seed)
        .args(["-o", "elsewhere/plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("elsewhere/plan.yaml")).unwrap();
    assert!(text.starts_with("format: odp-plan/1\n"), "{text}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("no `$schema` modeline"));
}

#[test]
fn the_documented_plan_example_checks_clean() {
    let readme = include_str!("../docs/plan-format.md");
    let section = &readme[readme.find("# The plan format").unwrap()..];
    let start = section.find("```yaml\n").unwrap() + "```yaml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let (_, diagnostics) = odplint::lint::check_text("example.yaml", example);
    let codes: Vec<_> = diagnostics.iter().map(|d| d.rule.code).collect();
    assert!(codes.is_empty(), "{codes:?}");
}
