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

fn run(command: &mut Command) -> (Option<i32>, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `--help` follows `--lang` (before or after the command, `--lang X` or `--lang=X`), else the
/// locale: odplint's and every command's about text, the headings and the common flags.
#[test]
fn help_speaks_the_language_of_lang_and_of_the_locale() {
    let root = stdout(odplint().args(["--lang", "zh-Hant", "--help"]));
    assert!(root.contains("用法：odplint [OPTIONS] <COMMAND>"), "{root}");
    assert!(root.contains("指令:") && root.contains("選項:"), "{root}");
    assert!(
        root.contains("  check        檢查計劃檔案或存放計劃的資料夾"),
        "{root}"
    );
    assert!(root.contains("-h, --help         顯示說明"), "{root}");
    assert!(!root.contains("Check plan files"), "{root}");

    let check = stdout(odplint().args(["check", "--help", "--lang=zh-Hans"]));
    assert!(
        check.starts_with("检查计划文件或存放计划的文件夹\n"),
        "{check}"
    );
    assert!(
        check.contains("参数:") && check.contains("选项:"),
        "{check}"
    );

    let by_locale = stdout(
        odplint()
            .env("LANG", "zh_HK.UTF-8")
            .args(["audit", "--help"]),
    );
    assert!(
        by_locale.starts_with("審核存放所有計劃的資料夾"),
        "{by_locale}"
    );
    // --lang wins over the locale.
    let english = stdout(
        odplint()
            .env("LANG", "zh_HK.UTF-8")
            .args(["--lang", "en", "--help"]),
    );
    assert!(english.contains("Usage: odplint"), "{english}");
    assert!(
        english.contains("Check plan files or folders of plans"),
        "{english}"
    );
}

/// Every command's about text is translated, and the English catalogue's copy of it (what the
/// translators translate) is the command's own doc comment.
#[test]
fn every_command_has_its_about_text_in_every_language() {
    use odplint::messages::{Lang, catalogue};
    let english = odplint::cli::command_in(Lang::En);
    let about = |command: &clap::Command| command.get_about().map(ToString::to_string);
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let mut translated = odplint::cli::command_in(lang);
        translated.build();
        let mut commands = vec![&translated];
        commands.extend(translated.get_subcommands());
        for command in commands {
            let text = about(command).unwrap_or_default();
            assert!(
                text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{} has no {} about text: {text:?}",
                command.get_name(),
                lang.code()
            );
        }
    }
    let en = catalogue(Lang::En);
    for command in english.get_subcommands() {
        let id = format!("help.about.{}", command.get_name());
        assert_eq!(
            en.get(id.as_str()).map(ToString::to_string),
            about(command),
            "en.txt's {id} is not the command's doc comment"
        );
    }
}

/// Tool errors on standard error and in every report format are in the run's language.
#[test]
fn tool_errors_speak_the_language_in_every_format() {
    for (lang, missing) in [
        ("en", "cannot read `nope.yaml`: no such file or folder"),
        ("zh-Hant", "無法讀取 `nope.yaml`：沒有這個檔案或資料夾"),
        ("zh-Hans", "无法读取 `nope.yaml`：没有这个文件或文件夹"),
    ] {
        // The terminal report lists them before its summary.
        let (code, stdout, _) = run(odplint().args(["--lang", lang, "check", "nope.yaml"]));
        assert_eq!(code, Some(2));
        assert!(
            stdout.starts_with(&format!("odplint: error: {missing}\n")),
            "{lang}: {stdout}"
        );
        for format in ["concise", "json", "sarif", "github", "junit"] {
            let (code, stdout, stderr) =
                run(odplint().args(["--lang", lang, "check", "--format", format, "nope.yaml"]));
            assert_eq!(code, Some(2));
            assert!(
                stdout.contains(missing) || stderr.contains(missing),
                "{lang} {format}: {stdout}{stderr}"
            );
        }
    }
    // Each command's own errors, in Traditional Chinese.
    for (args, expected) in [
        (
            vec!["init", "--period", "2026", "--organisation", "x"],
            "--period `2026` 不是橫跨三年的 YYYY-YYYY",
        ),
        (vec!["explain", "X999"], "沒有名為 `X999` 的規則"),
        (
            vec!["audit", "-"],
            "`audit` 讀取計劃檔案和資料夾，不讀取標準輸入",
        ),
        (
            vec!["import", "nope.docx"],
            "無法讀取 `nope.docx`：沒有這個檔案或資料夾",
        ),
        (
            vec![
                "render",
                "--format",
                "docx",
                "--diff",
                "plans/hkpf/2024-2026.zh-Hant.yaml",
                "plans/hkpf/2024-2026.zh-Hant.yaml",
            ],
            "--diff 只輸出 Markdown",
        ),
        (vec!["man", "nope"], "沒有名為 `nope` 的指令"),
        // Why an input cannot be imported is in the language too.
        (
            vec!["import", "tests/fixtures/import/bomb.docx"],
            "無法匯入 `tests/fixtures/import/bomb.docx`：壓縮檔中的 `word/document.xml` 解壓後大於 64 MB",
        ),
    ] {
        let (code, _, stderr) = run(odplint().args(["--lang", "zh-Hant"]).args(&args));
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("odplint: error: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
    }
}

/// Usage errors of the common kinds follow the language too, with clap's shape: what is wrong,
/// the possible values or a close spelling, the usage line, where to read more; exit code 2.
#[test]
fn usage_errors_speak_the_language() {
    for (lang, args, expected) in [
        (
            "zh-Hant",
            vec!["check", "--format", "xml", "p.yaml"],
            vec![
                "錯誤：`xml` 不是 `--format <FORMAT>` 可接受的值\n",
                "［可用的值：human, concise, json, sarif, github, junit］",
                "如需更多資訊，請試用 `--help`。",
            ],
        ),
        (
            "zh-Hant",
            vec!["chek"],
            vec![
                "錯誤：無法辨認的指令 `chek`\n",
                "`check`",
                "用法：odplint [OPTIONS] <COMMAND>",
            ],
        ),
        (
            "zh-Hans",
            vec!["render"],
            vec![
                "错误：缺少以下必需的参数：<PLAN>\n",
                "用法：odplint render <PLAN>",
            ],
        ),
        (
            "zh-Hans",
            vec!["check", "--frmat", "json", "p.yaml"],
            vec![
                "错误：意料之外的参数 `--frmat`\n",
                "提示：有相近的 `--format`",
            ],
        ),
    ] {
        let (code, stdout, stderr) = run(odplint().args(["--lang", lang]).args(&args));
        assert_eq!(code, Some(2), "{args:?}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        for part in &expected {
            assert!(stderr.contains(part), "{args:?}: no {part:?} in {stderr}");
        }
        assert!(stderr.starts_with(expected[0]), "{stderr}");
    }
    // In English they are clap's own.
    let (code, _, stderr) = run(odplint().args(["chek"]));
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: unrecognized subcommand 'chek'"),
        "{stderr}"
    );
}

/// What is wrong in odplint.toml is said in the run's language, at its line and column.
#[test]
fn configuration_errors_speak_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("odplint.toml");
    fs::write(&config, "fail-on = \"loud\"\n").unwrap();
    // The terminal report lists the error before its summary.
    let (code, stdout, _) = run(odplint()
        .args(["--lang", "zh-Hans", "check", "--config"])
        .arg(&config)
        .arg(PLAN));
    assert_eq!(code, Some(2));
    assert!(
        stdout.contains(":1:11：`fail-on` 是 `loud`；应为 \"error\"、\"warning\" 或 \"info\""),
        "{stdout}"
    );
    fs::write(&config, "[rules]\nD01 = \"off\"\n").unwrap();
    let (_, stdout, stderr) = run(odplint()
        .args(["--lang", "zh-Hant", "check", "--config"])
        .arg(&config)
        .arg(PLAN));
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains("沒有名為 `D01` 的規則；是否應為 `D001`？"),
        "{said}"
    );
}
