package dev.tickflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Dashboards, alerts and autoscalers read metrics by name; a meter renamed in code must not leave them blank. */
class MonitoringTest {

    /** Our own meters as Prometheus names them: dots become underscores, then a unit and a type suffix. */
    private static final Pattern OUR_METRIC = Pattern.compile("\\b((?:tickflow|ticks|bars)_[a-z0-9_]+)");
    private static final Pattern SUFFIX = Pattern.compile("(_seconds)?(_bucket|_count|_sum|_total|_max)?$");

    private final Manifests manifests = Manifests.load(Manifests.directory());

    @Test
    void everyMetricTheDashboardsAlertsAndAutoscalersReadIsOneTheServicesPublish() {
        Set<String> read = new TreeSet<>();
        for (Path file : manifests.files()) {
            Matcher metric = OUR_METRIC.matcher(text(file));
            while (metric.find()) {
                read.add(metric.group(1));
            }
        }
        assertThat(read).as("metrics named in deploy/").hasSizeGreaterThanOrEqualTo(10);
        String sources = javaSources();
        for (String metric : read) {
            String meter = SUFFIX.matcher(metric).replaceFirst("").replace('_', '.');
            assertThat(sources).as(metric + " is published as the meter \"" + meter + "\"").contains('"' + meter + '"');
        }
    }

    @Test
    void theGrafanaDashboardIsValidJsonWithAQueryOnEveryPanel() throws IOException {
        Manifests.Resource configMap = manifests.find("ConfigMap", "grafana-dashboard-tickflow").orElseThrow();
        assertThat(configMap.node().path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = Manifests.YAML.readTree(configMap.node().path("data").path("tickflow.json").asText());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(8);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").findValuesAsText("expr")).as(panel.path("title").asText()).isNotEmpty()
                    .allSatisfy(expr -> assertThat(balanced(expr)).as(expr).isTrue());
        }
    }

    @Test
    void everyAlertHasASeverityAndASummary() {
        var rules = manifests.find("PrometheusRule", "tickflow").orElseThrow().node().path("spec").path("groups").findValues("rules");
        assertThat(rules).isNotEmpty();
        for (JsonNode group : rules) {
            for (JsonNode rule : group) {
                assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText()).isIn("page", "ticket");
                assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
                assertThat(balanced(rule.path("expr").asText())).as(rule.path("expr").asText()).isTrue();
            }
        }
    }

    private static boolean balanced(String expression) {
        int depth = 0;
        for (char c : expression.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static String javaSources() {
        Path services = ServiceSettings.servicesDirectory();
        StringBuilder all = new StringBuilder();
        for (Path root : new Path[] {services, services.resolveSibling("service-support")}) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java")).filter(file -> file.toString().contains("/src/main/"))
                        .forEach(file -> all.append(text(file)).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
