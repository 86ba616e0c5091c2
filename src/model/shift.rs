//! Moving a parsed section to another place in the text: every span it holds shifts by the
//! same amount. Incremental analysis parses a section once and reuses it wherever it moves.

use super::*;

/// Add `by` to every span held. The addition wraps, so a section moves back by adding
/// `new.wrapping_sub(old)` (see [`delta`]).
pub trait Shift {
    fn shift(&mut self, by: usize);
}

impl Shift for Span {
    fn shift(&mut self, by: usize) {
        self.start = self.start.wrapping_add(by);
        self.end = self.end.wrapping_add(by);
    }
}

/// What to [`Shift::shift`] by to move something from offset `old` to offset `new`, either way.
pub fn delta(old: usize, new: usize) -> usize {
    new.wrapping_sub(old)
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, by: usize) {
        if let Some(x) = self {
            x.shift(by);
        }
    }
}

impl<T: Shift> Shift for Box<T> {
    fn shift(&mut self, by: usize) {
        (**self).shift(by);
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, by: usize) {
        for x in self {
            x.shift(by);
        }
    }
}

impl<T> Shift for Field<T> {
    fn shift(&mut self, by: usize) {
        self.line.shift(by);
        self.key.shift(by);
        self.value_span.shift(by);
    }
}

impl Shift for (Factor, Field<Rating>) {
    fn shift(&mut self, by: usize) {
        self.1.shift(by);
    }
}

impl Shift for AllowedCode {
    fn shift(&mut self, by: usize) {
        self.span.shift(by);
    }
}

impl Shift for Draft {
    fn shift(&mut self, by: usize) {
        self.open.shift(by);
        self.body.shift(by);
        self.close.shift(by);
    }
}

impl Shift for SyntaxIssue {
    fn shift(&mut self, by: usize) {
        self.span.shift(by);
        if let Some((span, _)) = &mut self.related {
            span.shift(by);
        }
    }
}

impl Shift for Section {
    fn shift(&mut self, by: usize) {
        // destructured so that a new field can't be forgotten here
        let Section {
            name: _,
            heading,
            search: _,
            name_span,
            span,
            floor,
            wish,
            runway,
            decision_date,
            raise_rate,
            anchor_years,
            today,
            exchange_rates,
            status,
            role,
            recruiter,
            hiring_manager,
            referred_by,
            location,
            base,
            bonus,
            equity,
            sign_on,
            pto,
            in_writing,
            ratings,
            counters,
            reasons,
            decisions,
            review,
            vesting,
            refresher,
            clawback,
            start_date,
            relocation,
            retirement_match,
            expires,
            plan,
            expect,
            outcomes,
            lessons,
            savings,
            burn,
            sign_on_tranches: _,
            allow,
            drafts,
        } = self;
        heading.shift(by);
        name_span.shift(by);
        span.shift(by);
        floor.shift(by);
        wish.shift(by);
        runway.shift(by);
        decision_date.shift(by);
        raise_rate.shift(by);
        anchor_years.shift(by);
        today.shift(by);
        exchange_rates.shift(by);
        status.shift(by);
        role.shift(by);
        recruiter.shift(by);
        hiring_manager.shift(by);
        referred_by.shift(by);
        location.shift(by);
        base.shift(by);
        bonus.shift(by);
        equity.shift(by);
        sign_on.shift(by);
        pto.shift(by);
        in_writing.shift(by);
        ratings.shift(by);
        for c in counters.iter_mut() {
            c.shift(by);
            c.value.got_span.shift(by);
            c.value.asked_extra.shift(by);
            c.value.got_extra.shift(by);
        }
        reasons.shift(by);
        decisions.shift(by);
        review.shift(by);
        vesting.shift(by);
        refresher.shift(by);
        clawback.shift(by);
        start_date.shift(by);
        relocation.shift(by);
        retirement_match.shift(by);
        expires.shift(by);
        plan.shift(by);
        expect.shift(by);
        outcomes.shift(by);
        lessons.shift(by);
        savings.shift(by);
        burn.shift(by);
        for a in allow.iter_mut() {
            a.shift(by);
            a.value.shift(by);
        }
        drafts.shift(by);
    }
}
