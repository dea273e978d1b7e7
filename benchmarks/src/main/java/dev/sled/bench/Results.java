package dev.sled.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Every figure of a run, by store and metric; a failed phase leaves its figures as NaN. */
final class Results {

    private final Map<StoreKind, Map<Metric, Double>> figures = new EnumMap<>(StoreKind.class);
    private final Map<StoreKind, Map<Metric, double[]>> latencies = new EnumMap<>(StoreKind.class);

    void put(StoreKind kind, Metric metric, double value) {
        figures.computeIfAbsent(kind, k -> new EnumMap<>(Metric.class)).put(metric, value);
    }

    void putLatency(StoreKind kind, Metric metric, double p50Micros, double p99Micros) {
        latencies.computeIfAbsent(kind, k -> new EnumMap<>(Metric.class)).put(metric, new double[] {p50Micros, p99Micros});
    }

    /** The median and 99th percentile in microseconds, or null when not measured. */
    double[] latency(StoreKind kind, Metric metric) {
        return latencies.getOrDefault(kind, Map.of()).get(metric);
    }

    void markFailed(StoreKind kind, Iterable<Metric> metrics) {
        metrics.forEach(m -> put(kind, m, Double.NaN));
    }

    /** The figure, or empty when it was not measured; NaN means it failed. */
    OptionalDouble get(StoreKind kind, Metric metric) {
        Double v = figures.getOrDefault(kind, Map.of()).get(metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    boolean has(StoreKind kind, Metric metric) {
        OptionalDouble v = get(kind, metric);
        return v.isPresent() && !Double.isNaN(v.getAsDouble());
    }
}
