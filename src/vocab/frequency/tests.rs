//! Classification, canonical spellings and translations, language by language.

use super::meaning::TimeOfDay;
use super::*;

#[test]
fn canonical_renderings_compare_across_languages() {
    let en = |text: &str, from| canonical_in(text, from, Language::En);
    assert_eq!(en("每月", Language::ZhHant).as_deref(), Some("Monthly"));
    assert_eq!(en("Monthly", Language::En).as_deref(), Some("Monthly"));
    assert_eq!(
        en("每年及有需要時", Language::ZhHant),
        en("Annually and as and when necessary", Language::En)
    );
    assert_eq!(en("Yearly", Language::En).as_deref(), Some("Annually"));
    assert_ne!(en("每季", Language::ZhHant), en("Monthly", Language::En));
    assert_eq!(
        en("Monthly - Registered Vehicle Mechanics", Language::En),
        None
    );
    assert_eq!(en("每月", Language::En), None);
}

fn classify_as(text: &str, language: Language) -> Classification {
    classify(text, language, &[])
}

fn variant(canonical: &str) -> Classification {
    Classification::Variant {
        canonical: canonical.to_owned(),
        certain: true,
    }
}

fn loose(canonical: &str) -> Classification {
    Classification::Variant {
        canonical: canonical.to_owned(),
        certain: false,
    }
}

fn other(language: Language, translation: &str) -> Classification {
    Classification::OtherLanguage {
        language,
        translation: translation.to_owned(),
        certain: true,
    }
}

const LANGUAGES: [Language; 3] = [Language::ZhHant, Language::ZhHans, Language::En];

#[test]
fn seed_frequencies_are_canonical_in_traditional_chinese() {
    let seed = [
        "當有更新數據時",
        "每三個月及有需要時",
        "有需要時",
        "每年及有需要時",
        "每年",
        "每月",
        "每季",
    ];
    for text in seed {
        assert_eq!(
            classify_as(text, Language::ZhHant),
            Classification::Canonical,
            "{text}"
        );
    }
}

#[test]
fn spellings_shared_by_both_scripts_are_canonical_in_both() {
    for text in [
        "每月",
        "每年",
        "每季",
        "每日",
        "每星期",
        "每半年",
        "每星期五",
        "每年一月及七月",
    ] {
        assert_eq!(
            classify_as(text, Language::ZhHant),
            Classification::Canonical,
            "{text}"
        );
        assert_eq!(
            classify_as(text, Language::ZhHans),
            Classification::Canonical,
            "{text}"
        );
    }
}

/// Every meaning rendered in a language reads back as canonical there, and translates exactly.
#[test]
fn renderings_round_trip_in_every_language() {
    let mut terms: Vec<Term> = BASIC_TERMS
        .iter()
        .map(|&basic| Term::Basic(basic))
        .collect();
    for count in [1, 2, 3, 6, 10, 11, 15, 20, 21, 30, 99, 100] {
        for unit in [
            Unit::Minute,
            Unit::Hour,
            Unit::Day,
            Unit::Week,
            Unit::Month,
            Unit::Year,
        ] {
            terms.push(Term::every(count, unit));
        }
    }
    terms.push(Term::DailyAt(vec![TimeOfDay { hour: 9, minute: 0 }]));
    terms.push(Term::DailyAt(vec![
        TimeOfDay { hour: 0, minute: 5 },
        TimeOfDay {
            hour: 12,
            minute: 5,
        },
        TimeOfDay {
            hour: 14,
            minute: 0,
        },
    ]));
    terms.push(Term::Weekdays(vec![4]));
    terms.push(Term::Weekdays(vec![0, 3]));
    terms.push(Term::Weekdays(vec![0, 2, 6]));
    terms.push(Term::MonthsOfYear(vec![1, 7]));
    terms.push(Term::MonthsOfYear(vec![3, 10, 11, 12]));
    let mut frequencies: Vec<Frequency> = terms
        .iter()
        .map(|term| Frequency {
            first: term.clone(),
            rest: Vec::new(),
        })
        .collect();
    frequencies.extend(terms.iter().map(|term| Frequency {
        first: term.clone(),
        rest: vec![(Joiner::Or, Term::Basic(Basic::AsNeeded))],
    }));
    frequencies.push(Frequency {
        first: Term::Basic(Basic::Quarterly),
        rest: vec![
            (Joiner::Or, Term::Basic(Basic::Annually)),
            (Joiner::And, Term::every(2, Unit::Week)),
        ],
    });
    for frequency in &frequencies {
        for language in LANGUAGES {
            let text = render(frequency, language);
            assert_eq!(
                classify_as(&text, language),
                Classification::Canonical,
                "{text}"
            );
            for target in other_languages(language) {
                let expected = render(frequency, target);
                // A spelling shared by both Chinese scripts is at home in either.
                if expected == text {
                    continue;
                }
                // The reported language is one the text is canonical in (either script for 每日).
                let Classification::OtherLanguage {
                    language: found,
                    translation,
                    certain: true,
                } = classify_as(&text, target)
                else {
                    panic!("{text} in {target:?} is not another language");
                };
                assert_eq!(translation, expected, "{text} in {target:?}");
                assert_eq!(render(frequency, found), text, "{text} in {target:?}");
            }
        }
    }
}

#[test]
fn english_variants_name_their_canonical_spelling() {
    let cases = [
        ("Yearly", "Annually"),
        ("yearly", "Annually"),
        ("Annual", "Annually"),
        ("Once a year", "Annually"),
        ("Every 1 year", "Annually"),
        ("Every year", "Annually"),
        ("On yearly basis", "Annually"),
        ("  Annually ", "Annually"),
        ("Everyday", "Daily"),
        ("Every Week", "Weekly"),
        ("Once a month", "Monthly"),
        ("Every 1 month", "Monthly"),
        ("monthly", "Monthly"),
        ("Realtime", "Real-time"),
        ("Real-Time", "Real-time"),
        ("As necessary", "As and when necessary"),
        ("As and when required", "As and when necessary"),
        ("On a need basis", "As and when necessary"),
        ("Update when necessary", "As and when necessary"),
        ("When necessary", "As and when necessary"),
        ("Twice per year", "Half-yearly"),
        ("Half yearly", "Half-yearly"),
        ("Semi-annually", "Half-yearly"),
        ("Every three months", "Every 3 months"),
        ("Every Six Months", "Every 6 months"),
        ("Every five year", "Every 5 years"),
        ("Every twenty-four hours", "Every 24 hours"),
        ("Quarterly/ Annual", "Quarterly or annually"),
        (
            "Hourly and as necessary",
            "Hourly and as and when necessary",
        ),
        (
            "Monthly and As and when necessary",
            "Monthly and as and when necessary",
        ),
        ("Monthly, quarterly", "Monthly and quarterly"),
        ("Daily at 9am", "Daily at 9:00am"),
        ("Daily at 09:00", "Daily at 9:00am"),
        ("Daily at 6:00 p.m.", "Daily at 6:00pm"),
        (
            "Daily at 12:05am, 12:05pm, 2:00pm and as necessary",
            "Daily at 12:05am, 12:05pm, 2:00pm and as and when necessary",
        ),
        ("every friday", "Every Friday"),
        ("Every Monday & Thursday", "Every Monday and Thursday"),
        ("January and July", "Every January and July"),
        ("Monthly.", "Monthly"),
    ];
    for (text, canonical) in cases {
        assert_eq!(
            classify_as(text, Language::En),
            variant(canonical),
            "{text:?}"
        );
    }
}

#[test]
fn english_canonical_spellings() {
    for text in [
        "Daily at 9:00am",
        "Daily at 12:05am, 12:05pm, 2:00pm",
        "Every Friday",
        "Every Monday and Thursday",
        "Every 15 minutes",
        "Every 3 months",
        "Every 2 years",
        "Monthly and as and when necessary",
        "Annually or as and when necessary",
        "Twice daily",
    ] {
        assert_eq!(
            classify_as(text, Language::En),
            Classification::Canonical,
            "{text}"
        );
    }
}

#[test]
fn loose_words_are_recognised_but_never_certain() {
    // Each may mean something other than its nearest term, so no fix may be safe.
    for (text, language, nearest) in [
        ("Ad hoc", Language::En, "As and when necessary"),
        ("Ad-hoc", Language::En, "As and when necessary"),
        ("Irregular", Language::En, "As and when necessary"),
        ("Irregularly", Language::En, "As and when necessary"),
        ("From time to time", Language::En, "As and when necessary"),
        ("Biannually", Language::En, "Half-yearly"),
        ("Bi-annual", Language::En, "Half-yearly"),
        ("Bi-Weekly", Language::En, "Every 2 weeks"),
        (
            "Monthly/ Ad hoc",
            Language::En,
            "Monthly or as and when necessary",
        ),
        ("不定期", Language::ZhHant, "有需要時"),
        ("不定期更新", Language::ZhHans, "有需要时"),
    ] {
        assert_eq!(classify_as(text, language), loose(nearest), "{text}");
    }
    assert!(matches!(
        classify_as("不定期", Language::En),
        Classification::OtherLanguage { certain: false, .. }
    ));
    assert!(matches!(
        classify_as("Irregular", Language::ZhHant),
        Classification::OtherLanguage { certain: false, .. }
    ));
    // The certain spellings of the same terms stay certain.
    assert_eq!(
        classify_as("Semi-annually", Language::En),
        variant("Half-yearly")
    );
    assert_eq!(
        classify_as("As necessary", Language::En),
        variant("As and when necessary")
    );
    assert_eq!(classify_as("每周", Language::ZhHant), variant("每星期"));
}

#[test]
fn chinese_variants_name_their_canonical_spelling() {
    let traditional = [
        ("每年一次", "每年"),
        ("每3個月", "每三個月"),
        ("每３個月", "每三個月"),
        ("每二年", "每兩年"),
        ("每天", "每日"),
        ("每週", "每星期"),
        ("每周", "每星期"),
        ("每個月", "每月"),
        ("實時", "即時"),
        ("每季度", "每季"),
        ("有需要時更新", "有需要時"),
        ("每 年", "每年"),
        ("每年、有需要時", "每年及有需要時"),
        ("每季／每年", "每季或每年"),
        ("每15分鐘", "每十五分鐘"),
        ("每2小時", "每兩小時"),
        ("逢星期五", "每星期五"),
        ("每週一及四", "每星期一及星期四"),
        ("每日上午9:00", "每日上午9時"),
        ("每日下午4時半", "每日下午4時30分"),
    ];
    for (text, canonical) in traditional {
        assert_eq!(
            classify_as(text, Language::ZhHant),
            variant(canonical),
            "{text}"
        );
    }
    let simplified = [
        ("每年一次", "每年"),
        ("每3个月", "每三个月"),
        ("每周", "每星期"),
        ("即时", "实时"),
        ("有需要时更新", "有需要时"),
    ];
    for (text, canonical) in simplified {
        assert_eq!(
            classify_as(text, Language::ZhHans),
            variant(canonical),
            "{text}"
        );
    }
}

#[test]
fn other_language_yields_an_exact_translation() {
    let cases = [
        ("Monthly", Language::ZhHant, other(Language::En, "每月")),
        ("Yearly", Language::ZhHant, other(Language::En, "每年")),
        (
            "Every 3 months",
            Language::ZhHans,
            other(Language::En, "每三个月"),
        ),
        (
            "每年及有需要時",
            Language::En,
            other(Language::ZhHant, "Annually and as and when necessary"),
        ),
        (
            "每三個月",
            Language::En,
            other(Language::ZhHant, "Every 3 months"),
        ),
        (
            "每年一次",
            Language::En,
            other(Language::ZhHant, "Annually"),
        ),
        (
            "有需要时",
            Language::ZhHant,
            other(Language::ZhHans, "有需要時"),
        ),
        (
            "每三个月及有需要时",
            Language::ZhHant,
            other(Language::ZhHans, "每三個月及有需要時"),
        ),
        (
            "當有更新數據時",
            Language::ZhHans,
            other(Language::ZhHant, "当有更新数据时"),
        ),
        ("每週", Language::ZhHans, other(Language::ZhHant, "每星期")),
        ("即時", Language::ZhHans, other(Language::ZhHant, "实时")),
    ];
    for (text, language, expected) in cases {
        assert_eq!(
            classify_as(text, language),
            expected,
            "{text} in {language:?}"
        );
    }
}

#[test]
fn labels_ranges_and_remarks_are_recognised() {
    let english = [
        "Monthly - Registered Vehicle Mechanics\n",
        "Yearly - Competent Persons (Class 6)",
        "Social Welfare Department:  once a year",
        "AQHI: hourly / Forecast: 00:30, 10:30 and 16:30 everyday and as required",
        "Dept A: as necessary;\nDept B: twice daily;\nDept C: as necessary.",
        "Every two to three years",
        "Every 2-3 years",
        "About every two years",
        "Every 15 minutes during office hours",
        "Monthly, except for \"Completions\" to be updated annually",
    ];
    for text in english {
        assert_eq!(
            classify_as(text, Language::En),
            Classification::Recognised,
            "{text:?}"
        );
    }
    for text in [
        "每兩至三年",
        "約每兩年",
        "每月（部分數據每年）",
        "甲部門：每年；乙部門：有需要時",
    ] {
        assert_eq!(
            classify_as(text, Language::ZhHant),
            Classification::Recognised,
            "{text}"
        );
    }
}

#[test]
fn unknown_names_the_closest_term() {
    let cases = [
        ("Montly", Language::En, Some("Monthly")),
        ("Anually", Language::En, Some("Annually")),
        ("每曰", Language::ZhHant, Some("每日")),
        ("N/A", Language::En, None),
        ("Every mid of month", Language::En, None),
        ("Monthly - ", Language::En, Some("Monthly")),
    ];
    for (text, language, closest) in cases {
        let expected = Classification::Unknown {
            closest: closest.map(str::to_owned),
        };
        assert_eq!(classify_as(text, language), expected, "{text}");
    }
}

#[test]
fn extra_spellings_are_canonical() {
    let extra = vec!["Per school term".to_owned(), "  每學期 ".to_owned()];
    assert_eq!(
        classify("Per school term", Language::En, &extra),
        Classification::Canonical
    );
    assert_eq!(
        classify(" 每學期", Language::ZhHant, &extra),
        Classification::Canonical
    );
    assert!(matches!(
        classify("Per term", Language::En, &extra),
        Classification::Unknown { .. }
    ));
    // An empty extra entry must not make empty cells acceptable.
    let blank = vec![String::new()];
    assert!(matches!(
        classify("", Language::En, &blank),
        Classification::Unknown { .. }
    ));
}

#[test]
fn canonical_terms_list_the_base_vocabulary() {
    let english = canonical_terms(Language::En);
    assert!(english.contains(&"Annually".to_owned()));
    assert!(english.contains(&"As and when necessary".to_owned()));
    assert!(canonical_terms(Language::ZhHant).contains(&"當有更新數據時".to_owned()));
    assert!(canonical_terms(Language::ZhHans).contains(&"实时".to_owned()));
    for language in LANGUAGES {
        assert_eq!(canonical_terms(language).len(), BASIC_TERMS.len());
    }
}

#[test]
fn degenerate_input_never_panics() {
    let long_garbage = "x".repeat(100_000);
    let long_frequency = "Monthly and ".repeat(10_000);
    let just_under_the_cap = format!("{}Monthly", "漢".repeat(MAX_INPUT_CHARS - 8));
    let inputs = [
        "",
        " ",
        "     ",
        "\t\n\r",
        "\u{0}",
        "\u{7}Monthly\u{1b}",
        ":",
        "：",
        " - ",
        "/",
        "每",
        "every",
        "every 99999999999 years",
        "Daily at 99:99",
        "Daily at 12:60pm",
        "每日上午25時",
        "每年十三月",
        "每零年",
        long_garbage.as_str(),
        long_frequency.as_str(),
        just_under_the_cap.as_str(),
    ];
    for text in inputs {
        for language in LANGUAGES {
            let _ = classify(text, language, &[]);
        }
    }
    assert_eq!(
        classify("", Language::En, &[]),
        Classification::Unknown { closest: None }
    );
    assert_eq!(
        classify(&long_garbage, Language::En, &[]),
        Classification::Unknown { closest: None }
    );
}

mod corpus;
