//! Chinese in both scripts: the spellings read, with Traditional and Simplified side by side,
//! and the canonical rendering (Chinese numerals in intervals).

use super::meaning::{Basic, Frequency, Joiner, Literal, Piece, Term, TimeOfDay, Unit};
use super::parse::{DayPeriod, Grammar, ascii_number, longest, parse_list, strip_any, to_24_hour};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Traditional,
    Simplified,
}

pub(super) struct Chinese(pub(super) Script);

/// (Traditional, Simplified, meaning); an empty spelling means the script has no such variant.
pub(super) type ZhSpelling<T> = (&'static str, &'static str, T);

pub(super) const ZH_LITERALS: &[ZhSpelling<Literal>] = &[
    ("每日", "每日", Literal::Basic(Basic::Daily)),
    ("每天", "每天", Literal::Basic(Basic::Daily)),
    ("每日一次", "每日一次", Literal::Basic(Basic::Daily)),
    ("每天一次", "每天一次", Literal::Basic(Basic::Daily)),
    ("每日兩次", "每日两次", Literal::Basic(Basic::TwiceDaily)),
    ("每天兩次", "每天两次", Literal::Basic(Basic::TwiceDaily)),
    ("每日二次", "每日二次", Literal::Basic(Basic::TwiceDaily)),
    ("一日兩次", "一日两次", Literal::Basic(Basic::TwiceDaily)),
    ("每星期", "每星期", Literal::Basic(Basic::Weekly)),
    ("每週", "", Literal::Basic(Basic::Weekly)),
    ("每周", "每周", Literal::Basic(Basic::Weekly)),
    ("每個星期", "每个星期", Literal::Basic(Basic::Weekly)),
    ("每星期一次", "每星期一次", Literal::Basic(Basic::Weekly)),
    ("每週一次", "", Literal::Basic(Basic::Weekly)),
    ("每周一次", "每周一次", Literal::Basic(Basic::Weekly)),
    ("每兩週", "", Literal::Every(2, Unit::Week)),
    ("每月", "每月", Literal::Basic(Basic::Monthly)),
    ("每個月", "每个月", Literal::Basic(Basic::Monthly)),
    ("每月一次", "每月一次", Literal::Basic(Basic::Monthly)),
    ("按月", "按月", Literal::Basic(Basic::Monthly)),
    ("每季", "每季", Literal::Basic(Basic::Quarterly)),
    ("每季度", "每季度", Literal::Basic(Basic::Quarterly)),
    ("每一季", "每一季", Literal::Basic(Basic::Quarterly)),
    ("每季一次", "每季一次", Literal::Basic(Basic::Quarterly)),
    ("按季", "按季", Literal::Basic(Basic::Quarterly)),
    ("每半年", "每半年", Literal::Basic(Basic::HalfYearly)),
    (
        "每半年一次",
        "每半年一次",
        Literal::Basic(Basic::HalfYearly),
    ),
    ("半年一次", "半年一次", Literal::Basic(Basic::HalfYearly)),
    ("每年兩次", "每年两次", Literal::Basic(Basic::HalfYearly)),
    ("每年", "每年", Literal::Basic(Basic::Annually)),
    ("每年一次", "每年一次", Literal::Basic(Basic::Annually)),
    ("一年一次", "一年一次", Literal::Basic(Basic::Annually)),
    ("按年", "按年", Literal::Basic(Basic::Annually)),
    ("每小時", "每小时", Literal::Basic(Basic::Hourly)),
    ("每個小時", "每个小时", Literal::Basic(Basic::Hourly)),
    ("每小時一次", "每小时一次", Literal::Basic(Basic::Hourly)),
    ("即時", "实时", Literal::Basic(Basic::RealTime)),
    ("實時", "", Literal::Basic(Basic::RealTime)),
    ("", "即时", Literal::Basic(Basic::RealTime)),
    ("即時更新", "实时更新", Literal::Basic(Basic::RealTime)),
    ("實時更新", "即时更新", Literal::Basic(Basic::RealTime)),
    ("有需要時", "有需要时", Literal::Basic(Basic::AsNeeded)),
    ("在有需要時", "在有需要时", Literal::Basic(Basic::AsNeeded)),
    (
        "有需要時更新",
        "有需要时更新",
        Literal::Basic(Basic::AsNeeded),
    ),
    ("需要時", "需要时", Literal::Basic(Basic::AsNeeded)),
    ("如有需要", "如有需要", Literal::Basic(Basic::AsNeeded)),
    ("按需要", "按需要", Literal::Basic(Basic::AsNeeded)),
    ("按需要更新", "按需要更新", Literal::Basic(Basic::AsNeeded)),
    ("視乎需要", "视乎需要", Literal::Basic(Basic::AsNeeded)),
    // 不定期 (at no set time) is near "as and when necessary" but not the same; the portal's
    // own English for it is "Ad hoc", which is loose in the same way.
    ("不定期", "不定期", Literal::Loose(Basic::AsNeeded)),
    ("不定期更新", "不定期更新", Literal::Loose(Basic::AsNeeded)),
    (
        "當有更新數據時",
        "当有更新数据时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "有更新數據時",
        "有更新数据时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "當有數據更新時",
        "当有数据更新时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "當數據有更新時",
        "当数据有更新时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "數據更新時",
        "数据更新时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
];

pub(super) const ZH_UNITS: &[ZhSpelling<Unit>] = &[
    ("分鐘", "分钟", Unit::Minute),
    ("分", "分", Unit::Minute),
    ("小時", "小时", Unit::Hour),
    ("個小時", "个小时", Unit::Hour),
    ("個鐘頭", "个钟头", Unit::Hour),
    ("日", "日", Unit::Day),
    ("天", "天", Unit::Day),
    ("星期", "星期", Unit::Week),
    ("個星期", "个星期", Unit::Week),
    ("週", "", Unit::Week),
    ("周", "周", Unit::Week),
    ("禮拜", "礼拜", Unit::Week),
    ("個月", "个月", Unit::Month),
    ("月", "月", Unit::Month),
    ("年", "年", Unit::Year),
];

pub(super) const ZH_JOINERS: &[ZhSpelling<Joiner>] = &[
    ("及/或", "及/或", Joiner::Or),
    ("及／或", "及／或", Joiner::Or),
    ("以及", "以及", Joiner::And),
    ("及", "及", Joiner::And),
    ("或", "或", Joiner::Or),
    ("和", "和", Joiner::And),
    ("與", "与", Joiner::And),
    ("、", "、", Joiner::And),
    ("／", "／", Joiner::Or),
    ("/", "/", Joiner::Or),
    ("，", "，", Joiner::And),
    (",", ",", Joiner::And),
];

pub(super) const ZH_LIST_SEPARATORS: &[ZhSpelling<()>] = &[
    ("及", "及", ()),
    ("和", "和", ()),
    ("與", "与", ()),
    ("、", "、", ()),
    ("，", "，", ()),
    (",", ",", ()),
];

pub(super) const ZH_WEEK_WORDS: &[ZhSpelling<()>] = &[
    ("個星期", "个星期", ()),
    ("星期", "星期", ()),
    ("禮拜", "礼拜", ()),
    ("週", "", ()),
    ("周", "周", ()),
];

pub(super) const ZH_DAY_PERIODS: &[ZhSpelling<DayPeriod>] = &[
    ("上午", "上午", DayPeriod::Morning),
    ("早上", "早上", DayPeriod::Morning),
    ("凌晨", "凌晨", DayPeriod::Morning),
    ("中午", "中午", DayPeriod::Noon),
    ("下午", "下午", DayPeriod::Afternoon),
    ("晚上", "晚上", DayPeriod::Afternoon),
    ("午夜", "午夜", DayPeriod::Midnight),
];

pub(super) const ZH_DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
pub(super) const ZH_WEEKDAYS: [char; 7] = ['一', '二', '三', '四', '五', '六', '日'];

impl Chinese {
    pub(super) fn pick<T: Copy>(&self, spellings: &[ZhSpelling<T>]) -> Vec<(&'static str, T)> {
        spellings
            .iter()
            .map(|&(traditional, simplified, meaning)| match self.0 {
                Script::Traditional => (traditional, meaning),
                Script::Simplified => (simplified, meaning),
            })
            .filter(|(spelling, _)| !spelling.is_empty())
            .collect()
    }

    pub(super) fn word(&self, traditional: &'static str, simplified: &'static str) -> &'static str {
        match self.0 {
            Script::Traditional => traditional,
            Script::Simplified => simplified,
        }
    }

    pub(super) fn longest<'a, T: Copy>(
        &self,
        input: &'a str,
        spellings: &[ZhSpelling<T>],
    ) -> Option<(T, &'a str)> {
        // The spellings of this script, read in place: a cell is parsed term by term, and a
        // list built for every term cost more than the matching.
        longest(spellings.iter().map(|&(traditional, simplified, meaning)| {
            let spelling = self.word(traditional, simplified);
            if spelling.is_empty() {
                return None;
            }
            Some((meaning, input.strip_prefix(spelling)?))
        }))
    }

    pub(super) fn strip_list_separator<'a>(&self, input: &'a str) -> Option<&'a str> {
        self.longest(input, ZH_LIST_SEPARATORS)
            .map(|((), rest)| rest)
    }

    pub(super) fn exact_term<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        longest([
            self.literal(input),
            self.interval(input),
            self.weekdays(input),
            self.months(input),
        ])
    }

    pub(super) fn literal<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let (literal, rest) = self.longest(input, ZH_LITERALS)?;
        let term = literal.term();
        if term == Term::Basic(Basic::Daily) {
            let before_times = strip_any(rest, &[self.word("於", "于"), "在"]).unwrap_or(rest);
            if let Some((times, after_times)) = self.time_list(before_times) {
                return Some((Piece::Exact(Term::DailyAt(times)), after_times));
            }
        }
        Some((literal.piece(), rest))
    }

    /// 每三個月, 每十五分鐘, 每3個月 (variant), and ranges 每兩至三年.
    pub(super) fn interval<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let after_every = strip_any(input, &["每隔", "每"])?;
        let Some((count, after_count)) = self.number(after_every) else {
            let (unit, rest) = self.longest(after_every, ZH_UNITS)?;
            return Some((Piece::Exact(Term::every(1, unit)), rest));
        };
        let range_end = strip_any(after_count, &["至", "到", "-", "－", "~", "～"])
            .and_then(|after| self.number(after));
        if let Some((_, after_range)) = range_end {
            let (_, rest) = self.longest(after_range, ZH_UNITS)?;
            return Some((Piece::Vague, rest));
        }
        let (unit, rest) = self.longest(after_count, ZH_UNITS)?;
        (count > 0).then(|| (Piece::Exact(Term::every(count, unit)), rest))
    }

    /// 每星期五, 逢星期一及星期四, 每週一、三及五.
    pub(super) fn weekdays<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let after_every = strip_any(input, &["每逢", "每", "逢"])?;
        let (_, after_week) = self.longest(after_every, ZH_WEEK_WORDS)?;
        let weekday = |text: &'a str| {
            let text = self
                .longest(text, ZH_WEEK_WORDS)
                .map_or(text, |((), rest)| rest);
            let mut chars = text.chars();
            let day = match chars.next()? {
                '天' => 6,
                c => u8::try_from(ZH_WEEKDAYS.iter().position(|&d| d == c)?).ok()?,
            };
            Some((day, chars.as_str()))
        };
        let (days, rest) = parse_list(after_week, weekday, &self.list_separators())?;
        Some((Piece::Exact(Term::Weekdays(days)), rest))
    }

    /// 每年一月及七月.
    pub(super) fn months<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let after_prefix =
            strip_any(input, &[self.word("於每年", "于每年"), "每年的", "每年"]).unwrap_or(input);
        let month = |text: &'a str| {
            let (number, rest) = self.number(text)?;
            let rest = rest.strip_prefix('月')?;
            let number = u8::try_from(number).ok().filter(|n| (1..=12).contains(n))?;
            Some((number, rest))
        };
        let (months, rest) = parse_list(after_prefix, month, &self.list_separators())?;
        Some((Piece::Exact(Term::MonthsOfYear(months)), rest))
    }

    pub(super) fn list_separators(&self) -> Vec<&'static str> {
        self.pick(ZH_LIST_SEPARATORS)
            .into_iter()
            .map(|(spelling, ())| spelling)
            .collect()
    }

    pub(super) fn time_list<'a>(&self, input: &'a str) -> Option<(Vec<TimeOfDay>, &'a str)> {
        let (first, mut rest) = self.time(input)?;
        let mut times = vec![first];
        while let Some((next, after_next)) = self
            .strip_list_separator(rest)
            .and_then(|after| self.time(after))
        {
            times.push(next);
            rest = after_next;
        }
        Some((times, rest))
    }

    /// 上午9時, 下午4時30分, 9時半, 16:30.
    pub(super) fn time<'a>(&self, input: &'a str) -> Option<(TimeOfDay, &'a str)> {
        let (period, after_period) = match self.longest(input, ZH_DAY_PERIODS) {
            Some((period, rest)) => (Some(period), rest),
            None => (None, input),
        };
        let (hour, after_hour) = self.number(after_period)?;
        if let Some(after_colon) = strip_any(after_hour, &[":", "："]) {
            let (minute, rest) = ascii_number(after_colon, 2)?;
            if after_colon.len() - rest.len() != 2 {
                return None;
            }
            return Some((to_24_hour(hour, minute, period)?, rest));
        }
        let after_hour_word =
            strip_any(after_hour, &[self.word("時", "时"), self.word("點", "点")])?;
        if let Some(rest) = after_hour_word.strip_prefix('半') {
            return Some((to_24_hour(hour, 30, period)?, rest));
        }
        let minutes = self
            .number(after_hour_word)
            .and_then(|(minute, rest)| Some((minute, rest.strip_prefix('分')?)));
        match minutes {
            Some((minute, rest)) => Some((to_24_hour(hour, minute, period)?, rest)),
            None => Some((to_24_hour(hour, 0, period)?, after_hour_word)),
        }
    }

    /// ASCII digits, or Chinese numerals up to 九十九 (兩 in the script's own spelling).
    pub(super) fn number<'a>(&self, input: &'a str) -> Option<(u32, &'a str)> {
        if let Some(found) = ascii_number(input, 6) {
            return Some(found);
        }
        let two = self.word("兩", "两");
        let digit = |text: &'a str| -> Option<(u32, &'a str)> {
            if let Some(rest) = text.strip_prefix(two) {
                return Some((2, rest));
            }
            let mut chars = text.chars();
            let c = chars.next()?;
            let value = ZH_DIGITS.iter().position(|&d| d == c)?;
            Some((u32::try_from(value).ok()? + 1, chars.as_str()))
        };
        let leading = digit(input);
        let after_leading = leading.map_or(input, |(_, rest)| rest);
        match after_leading.strip_prefix('十') {
            Some(after_ten) => {
                let tens = leading.map_or(1, |(value, _)| value);
                match digit(after_ten) {
                    Some((units, rest)) => Some((tens * 10 + units, rest)),
                    None => Some((tens * 10, after_ten)),
                }
            }
            None => leading,
        }
    }

    pub(super) fn render(&self, frequency: &Frequency) -> String {
        let mut out = self.render_term(&frequency.first);
        for (joiner, term) in &frequency.rest {
            out.push_str(match joiner {
                Joiner::And => "及",
                Joiner::Or => "或",
            });
            out.push_str(&self.render_term(term));
        }
        out
    }

    pub(super) fn render_term(&self, term: &Term) -> String {
        match term {
            Term::Basic(basic) => match basic {
                Basic::Daily => "每日",
                Basic::TwiceDaily => self.word("每日兩次", "每日两次"),
                Basic::Weekly => "每星期",
                Basic::Monthly => "每月",
                Basic::Quarterly => "每季",
                Basic::HalfYearly => "每半年",
                Basic::Annually => "每年",
                Basic::Hourly => self.word("每小時", "每小时"),
                Basic::RealTime => self.word("即時", "实时"),
                Basic::AsNeeded => self.word("有需要時", "有需要时"),
                Basic::WhenDataUpdated => self.word("當有更新數據時", "当有更新数据时"),
            }
            .to_owned(),
            Term::DailyAt(times) => {
                let times: Vec<String> = times.iter().map(|&time| self.render_time(time)).collect();
                format!("每日{}", times.join("、"))
            }
            Term::Weekdays(days) => {
                let names = days
                    .iter()
                    .filter_map(|&day| ZH_WEEKDAYS.get(usize::from(day)))
                    .map(|day| format!("星期{day}"))
                    .collect();
                format!("每{}", zh_enumeration(names))
            }
            Term::MonthsOfYear(months) => {
                let names = months
                    .iter()
                    .map(|&month| format!("{}月", self.render_number(u32::from(month), false)))
                    .collect();
                format!("每年{}", zh_enumeration(names))
            }
            Term::Every { count, unit } => {
                let unit_name = match unit {
                    Unit::Minute => self.word("分鐘", "分钟"),
                    Unit::Hour => self.word("小時", "小时"),
                    Unit::Day => "日",
                    Unit::Week => "星期",
                    Unit::Month => self.word("個月", "个月"),
                    Unit::Year => "年",
                };
                if *count == 1 {
                    format!("每{unit_name}")
                } else {
                    format!("每{}{unit_name}", self.render_number(*count, true))
                }
            }
        }
    }

    /// Chinese numerals up to 99, as the plans write them; 兩 only for a count of two.
    pub(super) fn render_number(&self, number: u32, counting: bool) -> String {
        let digit = |value: u32| {
            usize::try_from(value)
                .ok()
                .and_then(|value| value.checked_sub(1))
                .and_then(|index| ZH_DIGITS.get(index))
                .map_or_else(String::new, char::to_string)
        };
        match number {
            2 if counting => self.word("兩", "两").to_owned(),
            1..=9 => digit(number),
            10..=19 => format!("十{}", digit(number - 10)),
            20..=99 => format!("{}十{}", digit(number / 10), digit(number % 10)),
            _ => number.to_string(),
        }
    }

    /// HK style: 上午9時, 中午12時, 下午4時30分, 午夜12時5分.
    pub(super) fn render_time(&self, time: TimeOfDay) -> String {
        let (period, hour) = match time.hour {
            0 => ("午夜", 12),
            12 => ("中午", 12),
            hour @ 1..=11 => ("上午", hour),
            hour => ("下午", hour - 12),
        };
        let hour_word = self.word("時", "时");
        if time.minute == 0 {
            format!("{period}{hour}{hour_word}")
        } else {
            format!("{period}{hour}{hour_word}{}分", time.minute)
        }
    }
}

/// "甲", "甲及乙", "甲、乙及丙".
pub(super) fn zh_enumeration(items: Vec<String>) -> String {
    match items.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{}及{last}", init.join("、")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

impl Grammar for Chinese {
    fn normalise(&self, text: &str) -> String {
        // Spaces carry no meaning in Chinese; full-width digits are a variant of ASCII ones.
        let folded: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => {
                    char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
                }
                _ => c,
            })
            .collect();
        folded
            .strip_suffix(['。', '.'])
            .unwrap_or(&folded)
            .to_owned()
    }

    fn term<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let approximate = strip_any(
            input,
            &[self.word("大約", "大约"), "大概", self.word("約", "约")],
        );
        if let Some(after) = approximate {
            return self.exact_term(after).map(|(_, rest)| (Piece::Vague, rest));
        }
        self.exact_term(input)
    }

    fn joiner<'a>(&self, input: &'a str) -> Option<(Joiner, &'a str)> {
        self.longest(input, ZH_JOINERS)
    }

    fn is_remark(&self, rest: &str) -> bool {
        if rest.starts_with(['（', '(']) {
            return true;
        }
        let Some(after_comma) = strip_any(rest, &["，", ","]) else {
            return false;
        };
        let starts = [
            "但",
            "除",
            "如",
            self.word("視", "视"),
            self.word("於", "于"),
            "在",
            "通常",
            "一般",
        ];
        starts.iter().any(|start| after_comma.starts_with(start))
    }

    fn part_separators(&self) -> &'static [char] {
        &['；', ';', '\n', '。']
    }

    fn suffix_label_separators(&self) -> &'static [&'static str] {
        &["－", " - ", "——", "—"]
    }
}
