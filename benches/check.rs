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

criterion_group!(benches, bench, keystroke, scaling);
criterion_main!(benches);
