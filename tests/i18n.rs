//! Messages in Traditional and Simplified Chinese: chosen by --lang, the locale or odplint.toml,
//! and correct in every format (snapshots of one plan's diagnostics in each language).

use std::fs;

use assert_cmd::Command;

const PLAN: &str = "tests/fixtures/i18n/plan.yaml";

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

fn stdout(command: &mut Command) -> String {
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

#[test]
fn one_plan_in_every_language_and_format() {
    for lang in ["en", "zh-Hant", "zh-Hans"] {
        for format in ["human", "concise"] {
            let output = stdout(odplint().args([
                "--lang", lang, "check", "--color", "never", "--format", format, PLAN,
            ]));
            insta::assert_snapshot!(format!("{format}-{lang}"), output);
        }
        let json: serde_json::Value = serde_json::from_str(&stdout(
            odplint().args(["--lang", lang, "check", "--format", "json", PLAN]),
        ))
        .unwrap();
        let messages: Vec<String> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{} {} | {}", d["code"], d["message"], d["help"]))
            .collect();
        insta::assert_snapshot!(format!("json-{lang}"), messages.join("\n"));
    }
}

#[test]
fn chinese_output_has_no_english_sentences_left() {
    let output = stdout(odplint().args(["--lang", "zh-Hant", "check", "--color", "never", PLAN]));
    for english in ["is not", "the ", "write ", "fix (", "Problems:"] {
        assert!(!output.contains(english), "`{english}` in:\n{output}");
    }
}

#[test]
fn the_locale_chooses_the_language_and_lang_overrides_it() {
    let hk = stdout(
        odplint()
            .env("LANG", "zh_HK.UTF-8")
            .args(["check", "--format", "concise", PLAN]),
    );
    assert!(hk.contains("已檢查檔案"), "{hk}");
    let cn = stdout(
        odplint()
            .env("LC_ALL", "zh_CN.UTF-8")
            .args(["check", "--format", "concise", PLAN]),
    );
    assert!(cn.contains("已检查文件"), "{cn}");
    let en = stdout(
        odplint()
            .env("LANG", "zh_TW.UTF-8")
            .args(["--lang", "en", "check", "--format", "concise", PLAN]),
    );
    assert!(en.contains("files checked"), "{en}");
    // LC_ALL outranks LANG.
    let all = stdout(
        odplint()
            .env("LANG", "zh_HK")
            .env("LC_ALL", "en_US.UTF-8")
            .args(["check", "--format", "concise", PLAN]),
    );
    assert!(all.contains("files checked"), "{all}");
}

#[test]
fn odplint_toml_can_set_the_language() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("odplint.toml"), "lang = \"zh-Hans\"\n").unwrap();
    fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/i18n/plan.yaml"),
        dir.path().join("plan.yaml"),
    )
    .unwrap();
    let mut command = Command::cargo_bin("odplint").unwrap();
    let output = command
        .current_dir(dir.path())
        .env("LANG", "C")
        .args(["check", "--format", "concise", "plan.yaml"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("已检查文件"));
}

#[test]
fn explain_and_rules_speak_the_language() {
    let explain = stdout(odplint().args(["--lang", "zh-Hant", "explain", "D001"]));
    assert!(
        explain.starts_with("# D001 date-format\n\n預設嚴重程度："),
        "{explain}"
    );
    assert!(explain.contains("## 檢查內容") && explain.contains("## 修正的安全性"));
    let explain = stdout(odplint().args(["--lang", "zh-Hans", "explain", "date-format"]));
    assert!(explain.contains("## 检查内容"));
    let rules = stdout(odplint().args(["--lang", "zh-Hant", "rules"]));
    assert!(rules.contains("日期"), "{rules}");
}

/// A Chinese message names a plan's language by its script in Chinese (以簡體字書寫), never by
/// its tag (以 zh-Hans 書寫): checked over every rule fixture, in both Chinese languages, for
/// every message, label and help.
#[test]
fn chinese_messages_name_the_script_in_chinese_not_by_its_tag() {
    let tag = regex_lite_tag();
    let mut messages_seen = 0;
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut folders: Vec<_> = fs::read_dir(&rules)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    for lang in ["zh-Hant", "zh-Hans"] {
        for folder in &folders {
            let json: serde_json::Value = serde_json::from_str(&stdout(odplint().args([
                "--lang",
                lang,
                "check",
                "--format",
                "json",
                folder.to_str().unwrap(),
            ])))
            .unwrap();
            for diagnostic in json["diagnostics"].as_array().unwrap() {
                for field in ["message", "help"] {
                    let Some(text) = diagnostic[field].as_str() else {
                        continue;
                    };
                    messages_seen += 1;
                    // Values quoted from the plan (`...`) may say anything, and the values the
                    // `language` key allows are tags to type.
                    if diagnostic["code"] == "S003" && text.starts_with("`language`") {
                        continue;
                    }
                    let unquoted: String = text.split('`').step_by(2).collect();
                    assert!(
                        !tag(&unquoted),
                        "{lang}: a language tag in {} {field}: {text}",
                        diagnostic["code"]
                    );
                }
            }
        }
    }
    assert!(messages_seen > 100, "{messages_seen}");
    // The cases the issue names, word for word.
    let c003 = stdout(odplint().args([
        "--lang",
        "zh-Hant",
        "check",
        "--format",
        "concise",
        "tests/fixtures/rules/C003/fail-simplified-in-traditional.yaml",
    ]));
    assert!(
        c003.contains("以簡體字書寫，而非計劃所用的繁體字"),
        "{c003}"
    );
    let f003 = stdout(odplint().args(["--lang", "zh-Hans", "check", "--format", "concise", PLAN]));
    assert!(
        f003.contains("以英文书写，而不是计划所用的繁体字"),
        "{f003}"
    );
}

/// Whether `text` holds a language tag as a word of its own.
fn regex_lite_tag() -> impl Fn(&str) -> bool {
    |text: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .any(|word| matches!(word, "zh-Hant" | "zh-Hans" | "en"))
    }
}
