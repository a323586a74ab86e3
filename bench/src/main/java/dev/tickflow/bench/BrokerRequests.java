package dev.tickflow.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Requests the in-JVM broker has handled, by request type, from its request metrics: how many round trips an order
 * costs, which is most of what an order costs on a small machine (each one wakes threads on both sides).
 */
record BrokerRequests(Map<String, Long> counts) {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    static BrokerRequests now() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (ObjectName name : SERVER.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                counts.merge(name.getKeyProperty("request"), ((Number) SERVER.getAttribute(name, "Count")).longValue(), Long::sum);
            }
        } catch (JMException e) {
            throw new IllegalStateException("the broker's request metrics cannot be read", e);
        }
        return new BrokerRequests(counts);
    }

    /** Requests since {@code earlier}, per record, the busiest types first (those above 0.05 per record). */
    String perRecordSince(BrokerRequests earlier, long records) {
        Map<String, Double> perRecord = new TreeMap<>();
        counts.forEach((type, count) -> perRecord.put(type, (count - earlier.counts.getOrDefault(type, 0L)) / (double) records));
        double total = perRecord.values().stream().mapToDouble(Double::doubleValue).sum();
        String busiest = perRecord.entrySet().stream().filter(type -> type.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(type -> String.format("%s %.2f", type.getKey(), type.getValue())).collect(java.util.stream.Collectors.joining(", "));
        return String.format("%.2f (%s)", total, busiest);
    }
}
