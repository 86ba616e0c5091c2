//! Placeholder until the classifier lands; see the real module.
use std::ops::Range;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonClass {
    Feeling,
    WishNotFloor,
    Speculative,
    Comparison,
    SlowProcess,
    UnarticulatedGut,
    BelowFloor,
    Pushback,
    ScopeDowngrade,
    RedFlag,
    ArticulatedGut,
    Unclassified,
}
impl ReasonClass {
    pub fn rule_code(self) -> Option<&'static str> {
        match self {
            ReasonClass::Feeling => Some("feeling-not-reason"),
            ReasonClass::WishNotFloor => Some("wish-not-floor"),
            ReasonClass::Speculative => Some("speculative-reason"),
            ReasonClass::Comparison => Some("comparison-reason"),
            ReasonClass::SlowProcess => Some("slow-process-reason"),
            ReasonClass::UnarticulatedGut => Some("unarticulated-gut"),
            _ => None,
        }
    }
    pub fn is_real(self) -> bool {
        matches!(
            self,
            ReasonClass::BelowFloor
                | ReasonClass::Pushback
                | ReasonClass::ScopeDowngrade
                | ReasonClass::RedFlag
                | ReasonClass::ArticulatedGut
        )
    }
    pub fn label(self) -> &'static str {
        "unclassified"
    }
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub span: Range<usize>,
    pub kind: SignalKind,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalKind {
    Feeling,
    Wish,
    Speculation,
    Comparison,
    SlowProcess,
    Gut,
    FloorFact,
    Pushback,
    Downgrade,
    RedFlag,
    Observation,
    Count,
    Because,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub class: ReasonClass,
    pub decided_by: Vec<Signal>,
}
impl Classification {
    pub fn explain(&self, _text: &str) -> String {
        String::new()
    }
}
pub fn classify(text: &str) -> Classification {
    let lower = text.to_lowercase();
    let class = if lower.contains("tired") {
        ReasonClass::Feeling
    } else {
        ReasonClass::Unclassified
    };
    Classification {
        class,
        decided_by: vec![],
    }
}
