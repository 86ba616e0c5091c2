//! Parse + analyse + rules on realistic journals of 1 KB to 10 MB, reported as throughput;
//! and the server's per-keystroke analysis: one character typed into a prose line in the
//! middle of a 100 KB or 1 MB journal, re-analysed by the incremental engine; and the
//! many-offers scaling pair (100 KB against 1 MB of short offer sections).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use offer_notes::incremental::{Incremental, Unchanged};
use offer_notes::{check, Config};

#[path = "support/synthetic.rs"]
mod synthetic;

fn bench(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("check");
    for (name, size) in [
        ("1KB", 1_000),
        ("100KB", 100_000),
        ("1MB", 1_000_000),
        ("10MB", 10_000_000),
    ] {
        let text = synthetic::journal(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if size >= 1_000_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| check(text, &config))
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("keystroke");
    for (name, size) in [("100KB", 100_000), ("1MB", 1_000_000)] {
        let text = synthetic::journal(size);
        let middle = text[..text.len() / 2].rfind('\n').map_or(0, |i| i + 1);
        // two versions that differ by one character, analysed alternately: every iteration
        // is the analysis of an edit, after the analysis of the version before it
        let typed = format!("{}x{}", &text[..middle], &text[middle..]);
        let mut engine = Incremental::new();
        engine.check(&text, &config);
        // as the server does, the engine is told the bytes before and after the edit are
        // unchanged (the same both ways: one character inserted at `middle`, or removed)
        let unchanged = Some(Unchanged {
            prefix: middle,
            suffix: text.len() - middle,
        });
        let mut flip = false;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                flip = !flip;
                engine.check_edited(if flip { &typed } else { &text }, &config, unchanged)
            })
        });
    }
    group.finish();
}

/// Linear output (SPEC §2): a journal ten times longer, of the same mix of many short offer
/// sections, costs about ten times the time and gives about ten times the diagnostics.
fn scaling(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("many-offers");
    let mut counts = Vec::new();
    for (name, size) in [("100KB", 100_000), ("1MB", 1_000_000)] {
        let text = synthetic::many_offers(size);
        counts.push((name, check(&text, &config).diagnostics.len()));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| check(text, &config))
        });
    }
    group.finish();
    if let [(_, small), (_, large)] = counts[..] {
        println!(
            "many-offers diagnostics: {small} at 100KB, {large} at 1MB ({:.1}x)",
            large as f64 / small.max(1) as f64
        );
    }
}

/// A workspace of `count` journals of two searches each, 20 offer sections per journal, the
/// companies drawn from a pool so that most recur across journals and searches (the
/// matching's worst case: every lookup finds records).
fn workspace(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|j| {
            let mut text = format!("# Search {j} — earlier\ntoday: 2026-11-30\nfloor: $150k base\n");
            for s in 0..20 {
                if s == 10 {
                    text.push_str("\n# Search now\nfloor: $170k base\ndecision-date: 2026-12-15\n");
                }
                let company = (j * 7 + s * 13) % 97;
                let (year, verdict) = if s < 10 { (2024, "walk") } else { (2026, "counter") };
                text.push_str(&format!(
                    "\n## Company {company}, Inc.\nstatus: live\nrole: Engineer {s}\nbase: $14{}k\ncounter {year}-03-0{}: asked $160k, got $145k\ndecision {year}-03-1{}: {verdict}\nreview: {year}-09-01\n\nNotes on the call: they were friendly, the numbers were not.\n",
                    s % 10,
                    1 + s % 9,
                    s % 10,
                ));
            }
            (format!("journal-{j:04}.offer"), text)
        })
        .collect()
}

/// History over N and 10N journals (SPEC §5, issue 14: no quadratic path): the records of
/// every journal, the history in order with what each company offered last time, the
/// timeline; and `check` of every journal with the others as its workspace.
fn history(c: &mut Criterion) {
    use offer_notes::history::{self, timeline, Elsewhere};
    let config = Config::default();
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    for count in [50, 500] {
        let journals = workspace(count);
        let sections = count * 20;
        group.throughput(Throughput::Elements(sections as u64));
        group.bench_with_input(
            BenchmarkId::new("records+ordered+timeline", format!("{count} journals")),
            &journals,
            |b, journals| {
                b.iter(|| {
                    let read: Vec<_> = journals
                        .iter()
                        .map(|(name, text)| history::records_of_text(name, text, &config))
                        .collect();
                    let entries = history::ordered(&read).len();
                    let events: usize = read
                        .iter()
                        .map(|j| timeline::events(&j.records, j.today).len())
                        .sum();
                    (entries, events)
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("check-workspace", format!("{count} journals")),
            &journals,
            |b, journals| {
                b.iter(|| {
                    let all = Elsewhere::of_journals(
                        journals
                            .iter()
                            .map(|(n, t)| (n.as_str(), t.as_str(), &config)),
                    );
                    journals
                        .iter()
                        .map(|(name, text)| {
                            offer_notes::check_in(text, &config, &all.excluding(name))
                                .diagnostics
                                .len()
                        })
                        .sum::<usize>()
                })
            },
        );
    }
    // a keystroke in a 100 KB / 1 MB journal of the workspace (its many offers checked against
    // the other journals' history): a 10× longer journal costs about 10×
    let others = Elsewhere::of_journals(
        workspace(50)
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str(), &config)),
    );
    let alone = Elsewhere::none();
    for (name, size, others) in [
        ("100KB", 100_000, &alone),
        ("1MB", 1_000_000, &alone),
        ("100KB in workspace", 100_000, &others),
        ("1MB in workspace", 1_000_000, &others),
    ] {
        let text = synthetic::many_offers(size);
        let middle = text[..text.len() / 2].rfind('\n').map_or(0, |i| i + 1);
        let typed = format!("{}x{}", &text[..middle], &text[middle..]);
        let mut engine = offer_notes::incremental::Incremental::new();
        let unchanged = Some(offer_notes::incremental::Unchanged {
            prefix: middle,
            suffix: text.len() - middle,
        });
        engine.check_edited_in(&text, &config, None, others);
        let mut flip = false;
        group.bench_function(BenchmarkId::new("keystroke-many-offers", name), |b| {
            b.iter(|| {
                flip = !flip;
                let now = if flip { &typed } else { &text };
                engine.check_edited_in(now, &config, unchanged, others)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench, keystroke, scaling, history);
criterion_main!(benches);
