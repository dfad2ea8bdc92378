//! Every output format over one fixed set of findings (Chinese text, an astral character, a
//! hostile dataset name): a snapshot each, SARIF against the official 2.1.0 schema, GitHub
//! commands against injection, and JUnit as well-formed XML.

mod common;

use std::path::Path;

use odplint::diagnostic::Diagnostic;
use odplint::messages::Lang;
use odplint::report::{FileReport, Format};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/ci/plan.yaml";

/// The fixed set: the CI fixture, checked under its path relative to the crate.
fn fixed_reports() -> Vec<FileReport> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    let text = std::fs::read_to_string(&path).unwrap();
    vec![common::check(&common::display(&path), &text)]
}

#[test]
fn the_fixed_set_holds_what_each_format_must_survive() {
    let reports = fixed_reports();
    let diagnostics = &reports[0].diagnostics;
    assert_eq!(
        common::codes(diagnostics),
        ["D001", "T001", "T001", "T001", "S005", "T001", "T003"]
    );
    let messages: Vec<String> = diagnostics
        .iter()
        .map(|d| d.message.render(Lang::En))
        .collect();
    assert!(messages.iter().any(|m| m.contains("交通意外 數字")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("\\n::add-mask::secret\\n::error file=a::pwned %0A ,:"))
    );
    let document = &reports[0].document;
    let line = document.position(diagnostics[0].span.start).line;
    assert!(document.text.lines().nth(line - 1).unwrap().contains('𨋢'));
    assert!(diagnostics[0].fix.is_some(), "D001 carries a safe fix");
}

fn render(format: Format) -> String {
    common::render(format, &fixed_reports())
}

/// The version in SARIF would change every snapshot at each release.
fn without_version(text: &str) -> String {
    text.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[version]\"",
    )
}

#[test]
fn snapshots_of_every_format() {
    insta::assert_snapshot!("ci-human", render(Format::Human));
    insta::assert_snapshot!("ci-concise", render(Format::Concise));
    insta::assert_snapshot!("ci-json", render(Format::Json));
    insta::assert_snapshot!("ci-sarif", without_version(&render(Format::Sarif)));
    insta::assert_snapshot!("ci-github", render(Format::Github));
    insta::assert_snapshot!("ci-junit", render(Format::Junit));
}

/// Two tool errors (one about a file, with characters every format must escape; one about
/// none) beside the fixed set, through every format.
fn render_with_errors(format: Format) -> String {
    use odplint::report::{HumanOptions, ReportOptions};
    use odplint::{ErrorKind, ToolError};
    let errors = [
        ToolError::new("cannot read `a <b> & \"c\",d.yaml`: No such file or directory")
            .in_file("a <b> & \"c\",d.yaml")
            .with_kind(ErrorKind::NotFound),
        ToolError::new("cannot write the output: disk full\n::error::forged")
            .with_kind(ErrorKind::Write),
    ];
    let options = ReportOptions {
        human: HumanOptions {
            color: false,
            width: 100,
        },
        statistics: false,
        max_per_file: None,
    };
    let mut out = Vec::new();
    odplint::report::emit_run(
        format,
        &fixed_reports(),
        &errors,
        Lang::En,
        &options,
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn tool_errors_reach_every_format() {
    insta::assert_snapshot!("errors-human", render_with_errors(Format::Human));
    insta::assert_snapshot!("errors-concise", render_with_errors(Format::Concise));
    insta::assert_snapshot!("errors-json", render_with_errors(Format::Json));
    insta::assert_snapshot!(
        "errors-sarif-invocations",
        serde_json::to_string_pretty(
            &serde_json::from_str::<Value>(&render_with_errors(Format::Sarif)).unwrap()["runs"][0]
                ["invocations"]
        )
        .unwrap()
    );
    insta::assert_snapshot!("errors-github", render_with_errors(Format::Github));
    insta::assert_snapshot!("errors-junit", render_with_errors(Format::Junit));

    let sarif: Value = serde_json::from_str(&render_with_errors(Format::Sarif)).unwrap();
    assert_valid_sarif(&sarif_validator(), &sarif);
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    let clean: Value = serde_json::from_str(&render(Format::Sarif)).unwrap();
    assert_eq!(
        clean["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );

    // The forged command stays inside the message of one annotation.
    let github = render_with_errors(Format::Github);
    assert_eq!(
        github
            .lines()
            .filter(|l| l.starts_with("::error::"))
            .count(),
        0,
        "{github}"
    );
    let junit = render_with_errors(Format::Junit);
    let mut reader = quick_xml::Reader::from_str(&junit);
    loop {
        match reader.read_event() {
            Err(error) => panic!("not well-formed: {error}\n{junit}"),
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
        }
    }
    assert!(junit.contains(r#"errors="2">"#), "{junit}");
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(validator: &jsonschema::Validator, sarif: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let sarif: Value = serde_json::from_str(&render(Format::Sarif)).unwrap();
    assert_valid_sarif(&validator, &sarif);

    // The validator is not a pushover: a level SARIF does not know is refused.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "info".into();
    assert!(validator.iter_errors(&broken).next().is_some());
    // Formats are checked too.
    let mut broken = sarif.clone();
    broken["$schema"] = "not a URI".into();
    assert!(validator.iter_errors(&broken).next().is_some());

    // Every rule fixture too: syntax errors, insertions, multi-line regions, related locations.
    let mut reports = Vec::new();
    for (_, path) in common::rule_fixtures() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        reports.push(common::check(&common::display(&path), &text));
    }
    reports.push(common::check("plans with spaces/香港.yaml", "format: [\n"));
    reports.push(common::check(
        "/tmp/absolute plan.yaml",
        "format: odp-plan/1\n",
    ));
    let sarif: Value = serde_json::from_str(&common::render(Format::Sarif, &reports)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 50, "{}", results.len());
    assert_valid_sarif(&validator, &sarif);
    // Draft 4 has no `uri-reference` format, so the schema cannot check these.
    for result in results {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        let uri = location["uri"].as_str().unwrap();
        assert!(is_uri_reference(uri), "{uri}");
        assert_eq!(
            location.get("uriBaseId").is_some(),
            !uri.starts_with("file:")
        );
    }
}

/// RFC 3986 relative references and `file:` URIs, in the subset odplint writes.
fn is_uri_reference(uri: &str) -> bool {
    let path = uri.strip_prefix("file://").unwrap_or(uri);
    let bytes = path.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let hex = bytes.get(index + 1..index + 3);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                index += 3;
            }
            b if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) => index += 1,
            _ => return false,
        }
    }
    true
}

#[test]
fn sarif_describes_the_tool_and_every_rule() {
    let sarif: Value = serde_json::from_str(&render(Format::Sarif)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "odplint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), odplint::rules::ALL.len());
    for (rule, meta) in rules.iter().zip(odplint::rules::ALL) {
        assert_eq!(rule["id"], meta.code);
        assert_eq!(rule["name"], meta.name);
        assert_eq!(rule["shortDescription"]["text"], meta.summary());
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(rule["help"]["markdown"], meta.documentation());
    }
    for result in runs[0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_columns_count_code_points_so_astral_characters_are_one() {
    let reports = fixed_reports();
    let sarif: Value = serde_json::from_str(&render(Format::Sarif)).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "D001");
    let location = &result["locations"][0];
    let region = &location["physicalLocation"]["region"];
    let line = region["startLine"].as_u64().unwrap() as usize;
    let column = region["startColumn"].as_u64().unwrap() as usize;
    let text = reports[0].document.text.lines().nth(line - 1).unwrap();
    let before = &text[..text.find("2/2015").unwrap()];
    assert!(before.contains('𨋢'));
    assert_eq!(column, before.chars().count() + 1);
    assert_ne!(
        column,
        before.encode_utf16().count() + 1,
        "in UTF-16 the column would differ"
    );
    assert_eq!(region["endColumn"].as_u64().unwrap() as usize, column + 6);
    assert_eq!(
        location["logicalLocations"][0]["fullyQualifiedName"],
        "/sections/D/non_spatial/rows/0/release_date"
    );
    let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"], *region);
    assert_eq!(replacement["insertedContent"]["text"], "02/2015");
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        FIXTURE
    );
}

/// One workflow command as the runner reads it: `::name key=value,...::message`.
struct WorkflowCommand {
    name: String,
    properties: Vec<(String, String)>,
    message: String,
}

fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn parse_command(line: &str) -> Option<WorkflowCommand> {
    let rest = line.strip_prefix("::")?;
    let (head, message) = rest.split_once("::")?;
    let (name, properties) = head.split_once(' ').unwrap_or((head, ""));
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (key, value) = p.split_once('=').unwrap();
            (key.to_string(), unescape(value))
        })
        .collect();
    Some(WorkflowCommand {
        name: name.to_string(),
        properties,
        message: unescape(message),
    })
}

#[test]
fn github_commands_cannot_be_injected_by_a_dataset_name() {
    let mut reports = fixed_reports();
    // A hostile file name as well as a hostile dataset name.
    let hostile_name = "a,b:c%0A\n::add-mask::x.yaml";
    let text = reports[0].document.text.clone();
    reports.push(common::check(hostile_name, &text));
    let output = common::render(Format::Github, &reports);
    let diagnostics: Vec<(&FileReport, &Diagnostic)> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
        .collect();

    let lines: Vec<&str> = output.lines().collect();
    let commands: Vec<WorkflowCommand> = lines.iter().filter_map(|l| parse_command(l)).collect();
    assert_eq!(
        commands.len(),
        diagnostics.len(),
        "exactly one command per finding:\n{output}"
    );
    for line in &lines {
        let is_finding = ["::error ", "::warning ", "::notice "]
            .iter()
            .any(|p| line.starts_with(p));
        assert!(
            is_finding || !line.trim_start().starts_with("::") && !line.starts_with("##["),
            "a line the runner could read as a command: {line}"
        );
        assert!(!line.contains('\r'));
    }
    for (command, (report, diagnostic)) in commands.iter().zip(&diagnostics) {
        let expected = match diagnostic.severity {
            odplint::diagnostic::Severity::Error => "error",
            odplint::diagnostic::Severity::Warning => "warning",
            odplint::diagnostic::Severity::Info => "notice",
        };
        assert_eq!(command.name, expected);
        let property = |key: &str| {
            command
                .properties
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(property("file").unwrap(), report.document.name);
        assert_eq!(
            property("title").unwrap(),
            format!("{} {}", diagnostic.rule.code, diagnostic.rule.name)
        );
        let start = report.document.position(diagnostic.span.start);
        let end = report.document.position(diagnostic.span.end);
        assert_eq!(property("line").unwrap(), start.line.to_string());
        assert_eq!(property("endLine").unwrap(), end.line.to_string());
        if start.line == end.line {
            assert_eq!(property("col").unwrap(), start.column.to_string());
            assert_eq!(property("endColumn").unwrap(), end.column.to_string());
        } else {
            assert_eq!(property("col"), None);
        }
        assert!(
            command
                .message
                .starts_with(&diagnostic.message.render(Lang::En)),
            "the message survives escaping whole: {:?}",
            command.message
        );
    }
    assert!(commands.iter().any(|c| {
        c.message
            .contains("\\n::add-mask::secret\\n::error file=a::pwned %0A ,:")
    }));
}

#[test]
fn junit_is_well_formed_xml_with_every_value_escaped() {
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;

    let mut reports = fixed_reports();
    reports.push(common::check(
        "tests/fixtures/base.yaml",
        &std::fs::read_to_string(common::fixtures().join("base.yaml")).unwrap(),
    ));
    let output = common::render(Format::Junit, &reports);
    assert!(
        output.chars().all(|c| matches!(c,
            '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)),
        "only characters XML 1.0 allows"
    );

    let mut reader = quick_xml::Reader::from_str(&output);
    reader.config_mut().check_comments = true;
    let mut depth = 0usize;
    let mut suites = Vec::new();
    let mut cases = 0;
    let mut failures = Vec::new();
    loop {
        match reader.read_event() {
            Err(error) => panic!("not well-formed at {}: {error}", reader.error_position()),
            Ok(Event::Eof) => break,
            Ok(event @ (Event::Start(_) | Event::Empty(_))) => {
                let opens = matches!(event, Event::Start(_));
                let (Event::Start(element) | Event::Empty(element)) = event else {
                    continue;
                };
                let attribute = |name: &str| {
                    element.try_get_attribute(name).unwrap().map(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned()
                    })
                };
                match element.name().as_ref() {
                    b"testsuites" => assert_eq!(depth, 0),
                    b"testsuite" => suites.push(attribute("name").unwrap()),
                    b"testcase" => cases += 1,
                    b"failure" => failures.push(attribute("message").unwrap()),
                    other => panic!("unexpected element {other:?}"),
                }
                if opens {
                    depth += 1;
                }
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(_) => {}
        }
    }
    assert_eq!(suites, [FIXTURE, "tests/fixtures/base.yaml"]);
    assert_eq!(cases, 7 + 1, "a passing case for the file without findings");
    let expected: Vec<String> = reports[0]
        .diagnostics
        .iter()
        .map(|d| d.message.render(Lang::En))
        .collect();
    assert_eq!(failures, expected, "attribute values come back exactly");
}
