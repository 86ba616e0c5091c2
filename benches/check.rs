//! Parse + analyse + rules on realistic journals of 1 KB to 10 MB, reported as throughput.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use offer_notes::{check, synthetic, Config};

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

criterion_group!(benches, bench);
criterion_main!(benches);
