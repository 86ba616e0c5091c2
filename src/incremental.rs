//! Incremental analysis for a document that is being edited: the text is cut at its `## `
//! headings into chunks, and only the chunks an edit touched are parsed again. Sections are
//! independent in the syntax (a heading always ends a fence), so a chunk parses the same
//! alone as in place; reused chunks only have their spans shifted. Reason classifications
//! are reused by text. The result equals [`crate::check`] on the same text, always.

use crate::analysis::reasons::{self, Classification};
use crate::model::shift::{self, Shift};
use crate::model::{self, Currency, Journal, Section, SyntaxIssue};
use crate::{analysis, syntax, Config, Report};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// One `## ` section's text (or the profile's) and where what it parsed to sits in the last
/// journal. The sections themselves live once, in that journal (shared with its report):
/// reusing a chunk clones them from there and moves their spans to its new place.
struct Chunk {
    len: usize,
    /// Its text, to recognise it again by comparing; not kept by an engine that is always
    /// told what changed ([`Incremental::told_of_edits`]).
    text: Option<Box<str>>,
    /// Debug builds check what they are told against this.
    #[cfg(debug_assertions)]
    hash: u64,
    /// Where the chunk started in the last text.
    start: usize,
    /// Its sections and syntax issues in the last journal.
    sections: Range<usize>,
    issues: Range<usize>,
    first_currency: Option<Currency>,
}

/// A chunk parsed on its own, placed at `start` of the text: its sections (without the
/// empty profile every chunk but the first parses to) and issues, spans already moved.
struct Parsed {
    sections: Vec<Section>,
    issues: Vec<SyntaxIssue>,
    title: Option<model::Field<String>>,
    first_currency: Option<Currency>,
}

impl Parsed {
    fn new(text: &str, start: usize, first: bool) -> Parsed {
        let lines = crate::syntax::lines(text);
        let (journal, first_currency) = model::build_parts(text, &lines);
        drop(lines);
        let Journal {
            title,
            sections,
            issues,
            ..
        } = journal;
        // the first chunk is the profile (and a section, if the text opens with one);
        // every other chunk is an empty profile and one section
        let skip = usize::from(!first);
        let mut sections: Vec<Section> = sections.into_iter().skip(skip).collect();
        sections.shift(start);
        let mut issues: Vec<SyntaxIssue> = issues
            .into_iter()
            .filter(|issue| issue.section >= skip)
            .collect();
        for issue in &mut issues {
            issue.shift(start);
            issue.section -= skip;
        }
        Parsed {
            sections,
            issues,
            title: if first { title } else { None },
            first_currency,
        }
    }
}

/// What the caller knows about how the text changed since the engine's last analysis: its
/// first `prefix` and last `suffix` bytes are unchanged. An editor's store knows this from the
/// edit ranges; with it, unchanged chunks are recognised without comparing their text (which
/// at a megabyte read two megabytes per keystroke). Values past the text's length are fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unchanged {
    pub prefix: usize,
    pub suffix: usize,
}

impl Unchanged {
    /// Nothing has changed yet.
    pub const ALL: Unchanged = Unchanged {
        prefix: usize::MAX,
        suffix: usize::MAX,
    };

    /// Narrow by one edit that replaced bytes `start..end` of a text `len` bytes long.
    pub fn edit(self, start: usize, end: usize, len: usize) -> Unchanged {
        Unchanged {
            prefix: self.prefix.min(start),
            suffix: self.suffix.min(len.saturating_sub(end)),
        }
    }
}

/// The state kept between two analyses of the same document.
#[derive(Default)]
pub struct Incremental {
    chunks: Vec<Chunk>,
    /// The last journal, shared with the report made from it: the parsed sections are kept
    /// once, not once here and once there.
    last: Option<Arc<Journal>>,
    /// Keyed by the section's people ([`reasons::Context::cache_key`]) and the reason's text.
    classifications: HashMap<(String, String), Classification>,
    /// How many chunks the last run parsed (the rest were reused), for tests and tracing.
    pub last_parsed: usize,
    /// The caller always says which bytes are unchanged: chunks are not kept as text.
    told: bool,
}

/// Where each chunk starts: 0, then every line that opens an offer section
/// ([`syntax::opens_section`], the one predicate the full parse also uses).
pub fn chunk_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // the predicate looks only at the first few bytes, so it is asked at the line start
    // inside the whole text (a line break ends the line for it)
    let opens_section = |i: usize| bytes[i] == b'#' && syntax::opens_section(&text[i..]);
    let mut starts = vec![0];
    if text.contains('\r') {
        // rare: line breaks may be \r alone, so look at every byte
        for i in 1..bytes.len() {
            let after_break = bytes[i - 1] == b'\n' || (bytes[i - 1] == b'\r' && bytes[i] != b'\n');
            if after_break && opens_section(i) {
                starts.push(i);
            }
        }
    } else {
        // the standard library's vectorised search finds the line breaks
        starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|&i| i < bytes.len() && opens_section(i)),
        );
    }
    starts
}

/// The lines of a checked text where typing provably changes nothing that was reported: no
/// field, no finding, no position. A line qualifies when it sits outside every fenced block
/// and no finding starts or ends on it; an edit within it qualifies when the line adds
/// nothing to the journal before and after ([`model::adds_nothing`]). Such an edit moves
/// byte offsets after it but no line and no column of another line, so the findings an
/// editor shows stay exactly the same; an editor's server can answer for the new text at
/// once and analyse it when it has time. Edits that keep qualifying keep the set valid (no
/// line is added or removed and every line stays what it was).
#[derive(Debug, Clone)]
pub struct QuietLines {
    /// One bit per line: set where typing may be quiet.
    bits: Vec<u64>,
}

impl QuietLines {
    /// For `text`, with `loud`: the lines (from 0) where a finding or a place it points to
    /// starts or ends.
    pub fn new(text: &str, loud: impl IntoIterator<Item = usize>) -> QuietLines {
        let fenced = crate::syntax::fenced_lines(text);
        let mut bits = vec![0u64; fenced.len().div_ceil(64)];
        for (n, _) in fenced.iter().enumerate().filter(|(_, fenced)| !**fenced) {
            bits[n / 64] |= 1 << (n % 64);
        }
        for n in loud {
            if let Some(word) = bits.get_mut(n / 64) {
                *word &= !(1 << (n % 64));
            }
        }
        QuietLines { bits }
    }

    /// Whether replacing line `n`, written `old`, by `new` (neither with a line break)
    /// leaves every finding as it was.
    pub fn quiet(&self, n: usize, old: &str, new: &str) -> bool {
        let line_break = |s: &str| s.contains(['\n', '\r']);
        self.bits
            .get(n / 64)
            .is_some_and(|word| word & (1 << (n % 64)) != 0)
            && !line_break(old)
            && !line_break(new)
            && model::adds_nothing(old)
            && model::adds_nothing(new)
    }
}

impl Incremental {
    pub fn new() -> Self {
        Self::default()
    }

    /// An engine whose caller always passes [`Unchanged`] (an editor's store knows it from
    /// the edit ranges): it keeps no copy of the text to compare with. A chunk the hint does
    /// not cover is parsed again, and without a hint every chunk is.
    pub fn told_of_edits() -> Self {
        Incremental {
            told: true,
            ..Self::default()
        }
    }

    /// Check the document's current text, reusing what is unchanged since the last call.
    pub fn check(&mut self, text: &str, config: &Config) -> Report {
        self.check_edited(text, config, None)
    }

    /// [`check`](Self::check), told which bytes at both ends did not change since the last
    /// call (`None`: unknown, compare them). A wrong hint gives a wrong result: debug builds
    /// verify it.
    pub fn check_edited(
        &mut self,
        text: &str,
        config: &Config,
        unchanged: Option<Unchanged>,
    ) -> Report {
        self.check_edited_in(text, config, unchanged, &crate::history::Elsewhere::none())
    }

    /// [`check_edited`](Self::check_edited) for a journal of a workspace whose other
    /// journals are `elsewhere` (as [`crate::check_in`]).
    pub fn check_edited_in(
        &mut self,
        text: &str,
        config: &Config,
        unchanged: Option<Unchanged>,
        elsewhere: &crate::history::Elsewhere,
    ) -> Report {
        crate::fault_injection(text);
        let journal = self.journal(text, unchanged);
        // keep only this text's reasons, so the cache never outgrows the document
        let previous = std::mem::take(&mut self.classifications);
        let mut used = HashMap::new();
        let analysis = if text.len() >= crate::PARALLEL_FROM {
            let mut later = HashMap::new();
            let analysis = analysis::analyze_halves(
                &journal,
                config,
                &mut |reason: &str, context: &reasons::Context| {
                    cached(&previous, &mut used, reason, context)
                },
                &mut |reason: &str, context: &reasons::Context| {
                    cached(&previous, &mut later, reason, context)
                },
            );
            used.extend(later);
            analysis
        } else {
            analysis::analyze_with(&journal, config, &mut |reason, context| {
                cached(&previous, &mut used, reason, context)
            })
        };
        self.classifications = used;
        let journal = Arc::new(journal);
        self.last = Some(Arc::clone(&journal));
        crate::report(text, journal, analysis, config, elsewhere)
    }

    /// The parsed journal, from reused and freshly parsed chunks.
    fn journal(&mut self, text: &str, unchanged: Option<Unchanged>) -> Journal {
        let old = std::mem::take(&mut self.chunks);
        let bytes = text.as_bytes();
        // a chunk other than the first starts with a `## ` heading at the start of a line
        let starts_chunk = |at: usize| {
            at > 0
                && at < text.len()
                && matches!(bytes[at - 1], b'\n' | b'\r')
                && bytes[at..].starts_with(b"##")
                && matches!(bytes.get(at + 2), None | Some(b' ' | b'\t' | b'\n' | b'\r'))
        };
        let ends_chunk = |at: usize| at == text.len() || starts_chunk(at);
        let compare = |at: usize, chunk: &Chunk| {
            chunk
                .text
                .as_deref()
                .is_some_and(|old| text.get(at..at + chunk.len) == Some(old))
        };
        // a chunk inside the unchanged prefix (in front, where old and new offsets agree) or
        // inside the unchanged suffix (at the back, the same distance from the end) is the
        // same without looking
        let same = |at: usize, chunk: &Chunk, from_back: bool| {
            let end = at + chunk.len;
            let known = unchanged.is_some_and(|u| {
                end <= text.len()
                    && if from_back {
                        text.len() - at <= u.suffix
                    } else {
                        end <= u.prefix
                    }
            });
            if known {
                #[cfg(debug_assertions)]
                assert_eq!(
                    chunk.hash,
                    text_hash(&text[at..end]),
                    "an Unchanged hint that is not true"
                );
                true
            } else {
                compare(at, chunk)
            }
        };

        // Unchanged chunks at the front and the back are found by comparing the old chunks'
        // text with the new text in place, so only the edited middle is scanned and parsed.
        let mut starts = Vec::with_capacity(old.len() + 1);
        let (mut front, mut front_end) = (0, 0);
        for chunk in &old {
            if !same(front_end, chunk, false) || !ends_chunk(front_end + chunk.len) {
                break;
            }
            starts.push(front_end);
            front_end += chunk.len;
            front += 1;
        }
        let (mut back, mut back_start) = (0, text.len());
        for (k, chunk) in old.iter().enumerate().skip(front).rev() {
            let Some(start) = back_start.checked_sub(chunk.len) else {
                break;
            };
            // the first chunk only ever sits at 0; any other starts a section
            let placed = if k == 0 {
                start == 0
            } else {
                starts_chunk(start)
            };
            if start < front_end || !placed || !same(start, chunk, true) {
                break;
            }
            back_start = start;
            back += 1;
        }
        // the middle: scan for headings and parse
        let middle_text = &text[front_end..back_start];
        let mut middle_starts: Vec<usize> = Vec::new();
        if !middle_text.is_empty() || (front == 0 && back == 0) {
            // (an empty text is still one chunk: the empty profile)
            middle_starts = chunk_starts(middle_text)
                .into_iter()
                .map(|p| p + front_end)
                .collect();
        }
        let pieces: Vec<&str> = middle_starts
            .iter()
            .enumerate()
            .map(|(n, &start)| {
                &text[start..middle_starts.get(n + 1).copied().unwrap_or(back_start)]
            })
            .collect();
        starts.extend(&middle_starts);
        let mut at = back_start;
        for chunk in &old[old.len() - back..] {
            starts.push(at);
            at += chunk.len;
        }
        // the middle is parsed afresh; the chunks at both ends come from the last journal
        // (a reused chunk's text is where it is now in the new text: it is unchanged)
        let texts: Vec<(Option<&Chunk>, &str, usize)> = old[..front]
            .iter()
            .map(|c| (Some(c), None))
            .chain(pieces.iter().map(|p| (None, Some(*p))))
            .chain(old[old.len() - back..].iter().map(|c| (Some(c), None)))
            .zip(starts)
            .map(|((chunk, piece), start)| {
                let piece =
                    piece.unwrap_or_else(|| &text[start..start + chunk.map_or(0, |c| c.len)]);
                (chunk, piece, start)
            })
            .collect();
        let last = self.last.take();
        let keep_text = !self.told;
        let (mut journal, chunks, first_currency, parsed) =
            assemble(&texts, last.as_deref(), keep_text);
        let (journal, chunks, first_currency, parsed) = match &last {
            // the last journal's amounts without a currency were given its first one: if
            // that changed, what was taken from it is wrong; parse it all (rare: an edit
            // changed the first currency written)
            Some(last)
                if (front > 0 || back > 0)
                    && first_currency.unwrap_or(Currency::USD) != last.default_currency =>
            {
                drop(journal);
                assemble(&texts, None, keep_text)
            }
            _ => {
                journal.sections.shrink_to_fit();
                (journal, chunks, first_currency, parsed)
            }
        };
        let mut journal = journal;
        self.last_parsed = parsed;
        model::index_searches(&mut journal);
        model::fill_currencies(&mut journal, first_currency);
        self.chunks = chunks;
        journal
    }
}

#[cfg(debug_assertions)]
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// A reason's classification, from this analysis (`used`) or the last one (`previous`) when
/// it was classified there. A reason written twice in the same company is classified once;
/// the section's people are part of the key ("Dev pushed back" is pushback only if Dev is
/// theirs).
fn cached(
    previous: &HashMap<(String, String), Classification>,
    used: &mut HashMap<(String, String), Classification>,
    reason: &str,
    context: &reasons::Context,
) -> Classification {
    let key = (context.cache_key(), reason.to_string());
    if let Some(c) = used.get(&key) {
        return c.clone();
    }
    let c = previous
        .get(&key)
        .cloned()
        .unwrap_or_else(|| reasons::classify_in(reason, context));
    used.insert(key, c.clone());
    c
}

/// The journal of `texts` (each chunk's old state, if it is reused, its text and its start),
/// its chunks, its first currency and how many chunks were parsed: reused chunks are cloned
/// from `last` (or parsed again without it), the others parsed, straight into the journal.
/// With at least [`crate::PARALLEL_FROM`] bytes to parse (a large journal's first open), the
/// chunks are assembled in two runs on two threads, the second run's appended to the first's.
fn assemble(
    texts: &[(Option<&Chunk>, &str, usize)],
    last: Option<&Journal>,
    keep_text: bool,
) -> (Journal, Vec<Chunk>, Option<Currency>, usize) {
    let parsed_here = |t: &&(Option<&Chunk>, &str, usize)| t.0.is_none() || last.is_none();
    let to_parse: usize = texts.iter().filter(parsed_here).map(|t| t.1.len()).sum();
    // a parsed chunk is one section, rarely more (a `# ` search profile inside it)
    let sections = |texts: &[(Option<&Chunk>, &str, usize)]| -> usize {
        texts
            .iter()
            .map(|t| match (t.0, last) {
                (Some(chunk), Some(_)) => chunk.sections.len(),
                _ => 1,
            })
            .sum()
    };
    let all = sections(texts);
    if to_parse < crate::PARALLEL_FROM {
        let (journal, chunks, parsed) = assemble_run(texts, last, all, keep_text);
        let first_currency = chunks.iter().find_map(|c| c.first_currency);
        return (journal, chunks, first_currency, parsed);
    }
    // the split leaves half the text to parse on each side (it is never at 0: the first
    // chunk, which holds the title, is assembled first)
    let mut behind = 0;
    let split = texts
        .iter()
        .position(|t| {
            if parsed_here(&t) {
                behind += t.1.len();
            }
            behind * 2 >= to_parse
        })
        .map_or(texts.len(), |i| i + 1);
    let (front, back) = texts.split_at(split);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| assemble_run(back, last, sections(back), keep_text));
        // the first run's journal has room for every section: the second's are moved in
        (assemble_run(front, last, all, keep_text), second.join())
    });
    let (mut journal, mut chunks, parsed) = first;
    let (rest, rest_chunks, rest_parsed) =
        second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let base = (journal.sections.len(), journal.issues.len());
    append_issues(&mut journal.issues, rest.issues, base.0);
    journal.sections.extend(rest.sections);
    chunks.extend(rest_chunks.into_iter().map(|mut chunk| {
        chunk.sections = chunk.sections.start + base.0..chunk.sections.end + base.0;
        chunk.issues = chunk.issues.start + base.1..chunk.issues.end + base.1;
        chunk
    }));
    let first_currency = chunks.iter().find_map(|c| c.first_currency);
    (journal, chunks, first_currency, parsed + rest_parsed)
}

/// Append issues counted from section 0 of their own part to a journal whose part starts at
/// section `at`.
fn append_issues(into: &mut Vec<SyntaxIssue>, issues: Vec<SyntaxIssue>, at: usize) {
    into.extend(issues.into_iter().map(|mut issue| {
        issue.section += at;
        issue
    }));
}

/// [`assemble`] on one thread: the journal of `texts` (with room for `sections`), its
/// chunks, and how many chunks were parsed.
fn assemble_run(
    texts: &[(Option<&Chunk>, &str, usize)],
    last: Option<&Journal>,
    sections: usize,
    keep_text: bool,
) -> (Journal, Vec<Chunk>, usize) {
    let mut journal = Journal {
        title: None,
        sections: Vec::with_capacity(sections),
        searches: Vec::new(),
        issues: Vec::new(),
        default_currency: Currency::USD,
    };
    let mut chunks = Vec::with_capacity(texts.len());
    let mut parsed_count = 0;
    for &(old_chunk, chunk_text, start) in texts {
        let base = (journal.sections.len(), journal.issues.len());
        let first_currency = match (old_chunk, last) {
            (Some(chunk), Some(last)) => {
                // reused: clone from the last journal, moved to where the chunk is now
                let by = shift::delta(chunk.start, start);
                for section in &last.sections[chunk.sections.clone()] {
                    let mut section = section.clone();
                    section.shift(by);
                    journal.sections.push(section);
                }
                for issue in &last.issues[chunk.issues.clone()] {
                    let mut issue = issue.clone();
                    issue.shift(by);
                    issue.section = issue.section - chunk.sections.start + base.0;
                    journal.issues.push(issue);
                }
                if start == 0 {
                    journal.title = last.title.clone();
                }
                chunk.first_currency
            }
            _ => {
                parsed_count += 1;
                let parsed = Parsed::new(chunk_text, start, start == 0);
                append_issues(&mut journal.issues, parsed.issues, base.0);
                journal.sections.extend(parsed.sections);
                if start == 0 {
                    journal.title = parsed.title;
                }
                parsed.first_currency
            }
        };
        chunks.push(Chunk {
            len: chunk_text.len(),
            text: keep_text.then(|| chunk_text.into()),
            #[cfg(debug_assertions)]
            hash: text_hash(chunk_text),
            start,
            sections: base.0..journal.sections.len(),
            issues: base.1..journal.issues.len(),
            first_currency,
        });
    }
    (journal, chunks, parsed_count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_start_at_offer_headings_only() {
        let text = "# Title\nfloor: $1\n## A\n### notes\n##\n##x\n  ## not\r\n## B\n";
        let starts = chunk_starts(text);
        let heads: Vec<&str> = starts
            .iter()
            .map(|&s| &text[s..s + 3.min(text.len() - s)])
            .collect();
        assert_eq!(heads, ["# T", "## ", "##\n", "## "]);
    }

    #[test]
    fn a_text_that_opens_with_a_section_and_edits_at_the_seams_match_a_full_check() {
        let config = Config::default();
        let mut inc = Incremental::new();
        for text in [
            "## A\nbase: $1\n## B\nbase: $2\n",
            "## A\nbase: $1\n## B\nbase: $2",
            "## A\nbase: $1\n## B\nbase: $23",
            "## A\nbase: $1\n## B\nbase: $23## C\n",
            "x## A\nbase: $1\n## B\nbase: $23\n## C\n",
            "floor: $5\n## A\nbase: $1\n## B\nbase: $23\n## C\n",
            "floor: $5\n## A\nbase: $1\n## C\n",
            "",
            "## C\n",
        ] {
            let report = inc.check(text, &config);
            let full = crate::check(text, &config);
            assert_eq!(report.journal, full.journal, "{text:?}");
            assert_eq!(report.diagnostics, full.diagnostics, "{text:?}");
        }
    }

    /// A large journal's chunks are parsed on two threads: the journal, its issues and its
    /// findings are a full check's, and so are they after an edit reuses most of them.
    #[test]
    fn a_journal_parsed_on_two_threads_matches_a_full_check() {
        let config = Config::default();
        let mut inc = Incremental::new();
        let text = crate::large_journal();
        let report = inc.check(&text, &config);
        assert_eq!(
            inc.last_parsed,
            inc.chunks.len(),
            "a first run parses every chunk"
        );
        let full = crate::check(&text, &config);
        assert!(full.journal.issues.len() > 100 && full.journal.searches.len() > 100);
        assert_eq!(report.journal, full.journal);
        assert_eq!(report.diagnostics, full.diagnostics);
        // an edit in the middle: most chunks reused, the edited one parsed again
        let at = text[text.len() / 2..].find("\n## ").unwrap() + text.len() / 2;
        let edited = format!("{}\nbase: 1\n{}", &text[..at], &text[at..]);
        let report = inc.check(&edited, &config);
        assert!(inc.last_parsed < 3, "{} chunks parsed", inc.last_parsed);
        let full = crate::check(&edited, &config);
        assert_eq!(report.journal, full.journal);
        assert_eq!(report.diagnostics, full.diagnostics);
    }

    /// The sections an edit did not touch are reused from the last journal, where their
    /// amounts without a currency were already given the journal's first one: a new first
    /// currency written above them must still reach them.
    #[test]
    fn a_first_currency_written_above_unparsed_sections_reaches_their_amounts() {
        let config = Config::default();
        let mut inc = Incremental::new();
        let sections = "## A\nbase: 150,000\n## B\nbase: 160,000\n";
        inc.check(&format!("floor: $100k\n{sections}"), &config);
        let text = format!("floor: €100k\n{sections}");
        let report = inc.check(&text, &config);
        let base = report.journal.sections[2].base.as_ref().map(|b| b.value);
        assert_eq!(base.map(|m| m.currency), Some(Currency::EUR));
        let full = crate::check(&text, &config);
        assert_eq!(report.journal, full.journal);
        assert_eq!(report.diagnostics, full.diagnostics);
    }
}
