package dev.tickflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * Requests a broker has handled, by request type, from its request metrics: how many round trips a record costs, which
 * is most of what it costs on a small machine (each one wakes threads on both sides). The broker's metrics count a
 * fetch twice, as {@code Fetch} and as {@code FetchConsumer} or {@code FetchFollower}: the second names are left out.
 */
record BrokerRequests(Map<String, Long> counts) {

    private static final Set<String> SUBSETS = Set.of("FetchConsumer", "FetchFollower");

    /** The broker in this JVM. */
    static BrokerRequests now() {
        return of(ManagementFactory.getPlatformMBeanServer());
    }

    /** The broker behind {@code connection} (another JVM's, through its management agent). */
    static BrokerRequests of(MBeanServerConnection connection) {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (ObjectName name : connection.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"),
                    null)) {
                String type = name.getKeyProperty("request");
                if (!SUBSETS.contains(type)) {
                    counts.merge(type, ((Number) connection.getAttribute(name, "Count")).longValue(), Long::sum);
                }
            }
        } catch (JMException | IOException e) {
            throw new IllegalStateException("the broker's request metrics cannot be read", e);
        }
        return new BrokerRequests(counts);
    }

    /** Requests since {@code earlier}, per record, the busiest types first (those above 0.05 per record). */
    String perRecordSince(BrokerRequests earlier, long records) {
        return since(earlier, records, 0.05, "%.2f");
    }

    /** Requests since {@code earlier}, per second, the busiest types first (those above 0.1 a second). */
    String perSecondSince(BrokerRequests earlier, double seconds) {
        return since(earlier, seconds, 0.1, "%.1f");
    }

    private String since(BrokerRequests earlier, double divisor, double shownFrom, String format) {
        Map<String, Double> rates = new TreeMap<>();
        counts.forEach((type, count) -> rates.put(type, (count - earlier.counts.getOrDefault(type, 0L)) / divisor));
        double total = rates.values().stream().mapToDouble(Double::doubleValue).sum();
        String busiest = rates.entrySet().stream().filter(type -> type.getValue() >= shownFrom)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(type -> type.getKey() + " " + String.format(format, type.getValue())).collect(Collectors.joining(", "));
        return String.format(format + " (%s)", total, busiest);
    }
}
