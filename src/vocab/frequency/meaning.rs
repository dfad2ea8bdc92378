//! What a frequency means, whatever the language it is written in: basic terms, intervals,
//! weekdays, months and times of day, joined by "and" and "or".

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Basic {
    Daily,
    TwiceDaily,
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Annually,
    Hourly,
    RealTime,
    AsNeeded,
    WhenDataUpdated,
}

/// Order of the help text: from most to least frequent, then the event-driven terms.
pub(super) const BASIC_TERMS: [Basic; 11] = [
    Basic::Daily,
    Basic::Weekly,
    Basic::Monthly,
    Basic::Quarterly,
    Basic::HalfYearly,
    Basic::Annually,
    Basic::Hourly,
    Basic::TwiceDaily,
    Basic::RealTime,
    Basic::AsNeeded,
    Basic::WhenDataUpdated,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A time of day on the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TimeOfDay {
    pub(super) hour: u8,
    pub(super) minute: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Term {
    Basic(Basic),
    DailyAt(Vec<TimeOfDay>),
    /// 0 is Monday.
    Weekdays(Vec<u8>),
    /// 1 is January.
    MonthsOfYear(Vec<u8>),
    Every {
        count: u32,
        unit: Unit,
    },
}

impl Term {
    /// "Every 1 year" means Annually: one meaning must have one canonical spelling.
    pub(super) fn every(count: u32, unit: Unit) -> Term {
        match (count, unit) {
            (1, Unit::Hour) => Term::Basic(Basic::Hourly),
            (1, Unit::Day) => Term::Basic(Basic::Daily),
            (1, Unit::Week) => Term::Basic(Basic::Weekly),
            (1, Unit::Month) => Term::Basic(Basic::Monthly),
            (1, Unit::Year) => Term::Basic(Basic::Annually),
            _ => Term::Every { count, unit },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Joiner {
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Frequency {
    pub(super) first: Term,
    pub(super) rest: Vec<(Joiner, Term)>,
}

/// A parsed term, or one that is understood but has no exact meaning (a range, "about ...").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Exact(Term),
    /// A word read as this term that may mean something else (see [`Literal::Loose`]).
    Loose(Term),
    Vague,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Analysis {
    /// The meaning, and whether every word of the cell means it for certain.
    Meaning(Frequency, bool),
    Recognised,
}

/// Spellings that stand for one fixed meaning.
#[derive(Debug, Clone, Copy)]
pub(super) enum Literal {
    Basic(Basic),
    Every(u32, Unit),
    /// A word whose nearest term is this one, but which may mean something else: `Biannually`
    /// is also "every two years", `Bi-weekly` also "twice a week", and "irregularly" or 不定期
    /// (no set time) is not quite "as and when necessary" (when a need arises). Recognised, so
    /// the cell is no unknown frequency, but never rewritten without a person choosing.
    Loose(Basic),
    LooseEvery(u32, Unit),
}

impl Literal {
    pub(super) fn term(self) -> Term {
        match self {
            Literal::Basic(basic) | Literal::Loose(basic) => Term::Basic(basic),
            Literal::Every(count, unit) | Literal::LooseEvery(count, unit) => {
                Term::every(count, unit)
            }
        }
    }

    /// The literal as a parsed piece, loose or exact.
    pub(super) fn piece(self) -> Piece {
        match self {
            Literal::Loose(_) | Literal::LooseEvery(..) => Piece::Loose(self.term()),
            Literal::Basic(_) | Literal::Every(..) => Piece::Exact(self.term()),
        }
    }
}
