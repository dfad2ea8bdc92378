//! The direct reader against saphyr's path: every fixture and plan, edge cases both ways, and
//! generated documents.

use proptest::prelude::*;

use super::read;
use crate::document::texts_under;

/// The direct reader either declines `text` or reads exactly the tree the general path
/// reads, without a problem; returns whether it read it.
fn agrees(text: &str) -> bool {
    crate::document::assert_readers_agree(text);
    read(text, 1).is_some()
}

#[test]
fn every_yaml_fixture_and_plan_reads_as_saphyr_reads_it() {
    const YAML: &[&str] = &["yaml", "yml"];
    let plans = texts_under("plans", YAML);
    let mut found = texts_under("tests/fixtures", YAML);
    found.extend(plans.iter().cloned());
    assert!(found.len() >= 50, "{}", found.len());
    let read_here = found.iter().filter(|(_, text)| agrees(text)).count();
    // Most fixtures are plans as coordinators write them, which this reader takes.
    assert!(
        read_here * 2 > found.len(),
        "{read_here} of {}",
        found.len()
    );
    for (plan, text) in plans {
        assert!(agrees(&text), "{} was declined", plan.display());
    }
}

#[test]
fn edge_cases_are_read_alike_or_declined() {
    let read_here = [
        "a: 1\n",
        "a: 1",
        "# lead\n\na: 1  # c\nb:\n  - x: 1\n    y: two  \n\n  # comment\n  - z\nc:\n- q\n- r\n# end\n\n",
        "a: 1\r\nb:\r\n  - 'x'\r\n  - \"y\"  # c\r\n",
        "a: 'it''s'\nb: \"q\"\nc: '' \nd: \"\"\n",
        "a: true\nb: ~\nc: null\nd: 0x1F\ne: 0o17\nf: -5\ng: 1.5e3\nh: .inf\ni: -.inf\nj: .nan\nk: 2015\nl: 03/2019\nm: 2024-2026\nn: False\no: +12\n",
        "名稱: 交通 數字   # note\n說明: a#b c:d http://x\n",
        "rows:\n  - item: 1\n    category: 不適用\n  -\n    item: 2\n",
        "a:\n    b:\n        c: 1\n    d: 2\ne: 3\n",
        "a: -x\nb: x-\nc: 'a: b'\n",
        "- a: 1\n  b: 2\n- c: 3\n",
    ];
    for text in read_here {
        assert!(agrees(text), "declined: {text:?}");
    }
    let declined = [
        "",
        "# only\n",
        "a:\n",
        "a: 1\na: 2\n",
        "a: [1, 2]\n",
        "a: {b: 1}\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  x\n",
        "a: >\n  x\n",
        "a: b\n  c\n",
        "a: 'b\n  c'\n",
        "a: \"b\\tc\"\n",
        "a:\tb\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: b: c\n",
        "a: b:\n",
        "a: - b\n",
        "? a\n: b\n",
        "\"a\": 1\n",
        "a: 'x'y\n",
        "a: 1\n - b\n",
        "a: 1\n  b: 2\n",
        "a:\n  - 1\n  b: 2\n",
        "- a\nb: 1\n",
        "a: \u{85}\n",
        "a: x\u{2028}y\n",
        "a: \u{feff}\n",
        "a: 1\rb: 2\n",
        "a: \u{7}\n",
        "just a scalar\n",
        "- a\n- - b\n",
        &format!("{}: 1\n", "k".repeat(1_100)),
        &format!("- {}: 1\n", "數".repeat(400)),
    ];
    for text in declined {
        assert!(!agrees(text), "read: {text:?}");
    }
    // Nested sequences on one line: read alike or declined.
    for text in [
        "- - a: b\n",
        "- - a: b\n  - c: d\n- e\n",
        "a:\n- - b\n  - c\n",
    ] {
        agrees(text);
    }
    let deep: String = (0..100).map(|n| format!("{}k:\n", " ".repeat(n))).collect();
    assert!(read(&format!("{deep}{}v: 1\n", " ".repeat(100)), 1).is_none());
}

fn plan_like() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        "[a-z0-9 #:'\"\\-./]{0,8}",
        "[數據集交通 ]{1,4}",
        Just("~".to_string()),
        Just("true".to_string()),
        Just("'a''b'".to_string()),
    ];
    let line = (
        0usize..4,
        prop_oneof![Just("- "), Just(""), Just("-")],
        "[a-z]{1,3}",
        prop_oneof![Just(": "), Just(":"), Just(" ")],
        scalar,
        prop_oneof![Just(""), Just("  # c"), Just("\r")],
    );
    prop::collection::vec(line, 1..12).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(indent, dash, key, colon, value, tail)| {
                format!("{}{dash}{key}{colon}{value}{tail}\n", "  ".repeat(indent))
            })
            .collect()
    })
}

/// A value as a plan might hold it, to be written as block YAML.
#[derive(Debug, Clone)]
enum Block {
    Scalar(String),
    Sequence(Vec<Block>),
    Mapping(Vec<Block>),
}

fn block() -> impl Strategy<Value = Block> {
    let scalar = prop_oneof![
        "[a-z][a-z0-9 ./:#-]{0,10}",
        "[數據集交通（）「」 ]{1,6}",
        "(0[1-9]|1[0-2])/20[0-9]{2}",
        "-?[0-9]{1,20}(\\.[0-9]{0,3})?(e[0-9])?",
        "[a-z' ]{0,6}".prop_map(|inner| format!("'{}'", inner.replace('\'', "''"))),
        "\"[a-z數' ]{0,6}\"",
        prop_oneof![
            Just("~"),
            Just("null"),
            Just("True"),
            Just("false"),
            Just(".inf"),
            Just("0x1f"),
            Just("0o17")
        ]
        .prop_map(str::to_string),
    ]
    .prop_map(|text| Block::Scalar(text.trim_end().to_string()))
    .prop_filter("a plain scalar on one line", |b| {
        matches!(b, Block::Scalar(t) if t.starts_with(['\'', '"'])
            || !t.is_empty() && !t.ends_with(':') && !t.contains(": ") && !t.contains(" #"))
    });
    scalar.prop_recursive(5, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..5).prop_map(Block::Sequence),
            prop::collection::vec(inner, 1..5).prop_map(Block::Mapping),
        ]
    })
}

/// How a [`Block`] is written: indent step, compact sequences, comments, blank lines, CRLF.
#[derive(Debug, Clone, Copy)]
struct Style {
    step: usize,
    compact: bool,
    comments: bool,
    blank: bool,
    crlf: bool,
}

fn write(block: &Block, indent: usize, style: Style, out: &mut String) {
    let eol = if style.crlf { "\r\n" } else { "\n" };
    let pad = " ".repeat(indent);
    let line = |out: &mut String, head: String, value: &Block, n: usize| match value {
        Block::Scalar(text) => {
            let comment = if style.comments && n % 3 == 1 {
                "  # c"
            } else {
                ""
            };
            out.push_str(&format!("{pad}{head} {text}{comment}{eol}"));
            if style.blank && n % 4 == 2 {
                out.push_str(eol);
            }
        }
        nested => {
            let comment = if style.comments && n.is_multiple_of(2) {
                " # on the key"
            } else {
                ""
            };
            out.push_str(&format!("{pad}{head}{comment}{eol}"));
            if style.comments && n.is_multiple_of(3) {
                out.push_str(&format!("{pad}  # a line{eol}"));
            }
            let compact = style.compact && matches!(nested, Block::Sequence(_)) && head != "-";
            write(
                nested,
                if compact { indent } else { indent + style.step },
                style,
                out,
            );
        }
    };
    match block {
        Block::Scalar(text) => out.push_str(&format!("{pad}{text}{eol}")),
        Block::Sequence(items) => {
            for (n, item) in items.iter().enumerate() {
                line(out, "-".to_string(), item, n);
            }
        }
        Block::Mapping(values) => {
            for (n, value) in values.iter().enumerate() {
                line(out, format!("k{n}:"), value, n);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn block_yaml_is_read_as_saphyr_reads_it(
        value in block(),
        step in 1usize..5,
        compact: bool,
        comments: bool,
        blank: bool,
        crlf: bool,
    ) {
        let mut text = String::from("# a plan\n\n");
        let value = match value {
            Block::Scalar(_) => Block::Mapping(vec![value]),
            value => value,
        };
        write(&value, 0, Style { step, compact, comments, blank, crlf }, &mut text);
        prop_assert!(agrees(&text), "declined: {text:?}");
    }

    #[test]
    fn plan_like_text_is_read_alike_or_declined(text in plan_like()) {
        agrees(&text);
    }

    #[test]
    fn a_changed_byte_is_read_alike_or_declined(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let base = include_str!("../../../plans/hkpf/2024-2026.zh-Hant.yaml");
        let mut bytes = base.as_bytes().to_vec();
        let index = at.index(bytes.len());
        bytes[index] = byte;
        if let Ok(text) = String::from_utf8(bytes) {
            agrees(&text);
        }
    }
}
