package dev.tickflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.deploy.Manifests.Resource;
import org.junit.jupiter.api.Test;

/**
 * Holds the NetworkPolicies to the flows the services really have: every address a workload is configured to call is
 * allowed from its pods, PostgreSQL only from the services with a datasource, instances that forward queries reach
 * each other, Prometheus reaches every pod, and everything else is denied. Policies are evaluated as Kubernetes does:
 * a pod selected by any ingress policy takes only what one of them allows.
 */
class NetworkPolicyTest {

    private static final Pattern PEER_URL =
            Pattern.compile("http://([a-z0-9-]+)(?::(\\d+)|\\.\\$\\(POD_NAMESPACE\\)\\.svc\\.cluster\\.local)");
    private static final String NAMESPACE = "tickflow";
    private static final Map<String, String> PROMETHEUS = Map.of("app.kubernetes.io/name", "prometheus");

    private final Manifests manifests = Manifests.load(Manifests.directory());
    private final List<ServiceSettings> services = ServiceSettings.all();
    private final List<JsonNode> policies = manifests.ofKind("NetworkPolicy").map(Resource::node).toList();

    @Test
    void everyPodIsClosedToIngressUnlessAPolicyNamesTheFlow() {
        assertThat(policies).anySatisfy(policy -> {
            assertThat(policy.path("spec").path("podSelector").isEmpty()).isTrue();
            assertThat(policy.path("spec").path("ingress").isEmpty()).isTrue();
        });
        Map<String, String> stranger = Map.of("app.kubernetes.io/name", "someone-else");
        for (ServiceSettings service : services) {
            Resource workload = manifests.workload(service.name()).orElseThrow();
            assertThat(allows(NAMESPACE, stranger, labels(workload), service.httpPort()))
                    .as("a pod of the namespace the architecture does not name may not reach %s", service.name())
                    .isEqualTo(isPublic(service.name()));
        }
    }

    @Test
    void everyAddressAWorkloadCallsIsAllowedFromItsPods() {
        int calls = 0;
        for (Resource caller : manifests.all().filter(Resource::isWorkload).toList()) {
            for (JsonNode variable : caller.container().path("env")) {
                Matcher url = PEER_URL.matcher(variable.path("value").asText());
                while (url.find()) {
                    String target = url.group(1);
                    Resource workload = manifests.workload(target)
                            .orElseThrow(() -> new AssertionError(caller.name() + " calls " + target + ", which is not deployed"));
                    calls++;
                    if (workload.isKnativeService()) {
                        // the call goes to Knative's ingress, which hands it to the pod through the activator or directly
                        assertThat(allows("knative-serving", Map.of(), labels(workload), port(workload)))
                                .as("%s reaches Knative Service %s", caller.name(), target).isTrue();
                    } else {
                        int port = targetPort(target, Integer.parseInt(url.group(2)));
                        assertThat(allows(NAMESPACE, labels(caller), labels(workload), port))
                                .as("%s (%s) reaches %s:%d", caller.name(), variable.path("name").asText(), target, port).isTrue();
                    }
                }
            }
        }
        assertThat(calls).as("the dashboard's and the bot's peers at least").isGreaterThanOrEqualTo(8);
    }

    @Test
    void postgresIsReachedOnlyByTheServicesWithADatasource() {
        Resource postgres = manifests.workload("postgres").orElseThrow();
        for (ServiceSettings service : services) {
            boolean hasDatabase = service.properties().stringPropertyNames().stream()
                    .anyMatch(key -> key.startsWith("quarkus.datasource.") && key.endsWith("url"));
            Resource workload = manifests.workload(service.name()).orElseThrow();
            assertThat(allows(NAMESPACE, labels(workload), labels(postgres), 5432)).as("%s to PostgreSQL", service.name())
                    .isEqualTo(hasDatabase);
        }
    }

    @Test
    void instancesThatForwardQueriesReachEachOther() {
        for (ServiceSettings service : services) {
            Resource workload = manifests.workload(service.name()).orElseThrow();
            boolean forwards = service.isStreamsService() || service.isSequencedService();
            if (forwards && !workload.isKnativeService()) {
                assertThat(allows(NAMESPACE, labels(workload), labels(workload), service.httpPort()))
                        .as("%s instances forward interactive queries to the owner", service.name()).isTrue();
            }
        }
    }

    @Test
    void prometheusScrapesEveryPod() {
        for (Resource workload : manifests.all().filter(Resource::isWorkload).toList()) {
            assertThat(allows("monitoring", PROMETHEUS, labels(workload), port(workload))).as(workload.name()).isTrue();
        }
    }

    @Test
    void marketFeedReachesNoPrivateAddressOutsideTheBrokersAndDns() {
        Resource feed = manifests.workload("market-feed").orElseThrow();
        JsonNode egress = policies.stream()
                .filter(policy -> selects(policy.path("spec").path("podSelector"), labels(feed)))
                .filter(policy -> policy.path("spec").path("policyTypes").toString().contains("Egress"))
                .findFirst().orElseThrow(() -> new AssertionError("market-feed has no egress policy")).path("spec").path("egress");
        assertThat(egress).isNotEmpty();
        for (JsonNode rule : egress) {
            for (JsonNode peer : rule.path("to")) {
                JsonNode block = peer.path("ipBlock");
                if (!block.isMissingNode()) {
                    assertThat(block.path("except").toString()).as("the poller's way out excludes the cluster's and the metadata "
                            + "service's addresses").contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
                }
            }
        }
    }

    private static boolean isPublic(String service) {
        return service.equals("web");
    }

    /**
     * Whether a pod with these labels in this namespace may open this port on the target: true when no ingress policy
     * selects the target, else when one of those that do has a rule admitting it.
     */
    private boolean allows(String fromNamespace, Map<String, String> from, Map<String, String> target, int port) {
        boolean selected = false;
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            boolean ingress = spec.path("policyTypes").isMissingNode() || spec.path("policyTypes").toString().contains("Ingress");
            if (!ingress || !selects(spec.path("podSelector"), target)) {
                continue;
            }
            selected = true;
            for (JsonNode rule : spec.path("ingress")) {
                if (admitsPort(rule.path("ports"), port) && admitsPeer(rule.path("from"), fromNamespace, from)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static boolean admitsPort(JsonNode ports, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            if (entry.path("port").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean admitsPeer(JsonNode peers, String namespace, Map<String, String> labels) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            JsonNode namespaces = peer.path("namespaceSelector");
            JsonNode pods = peer.path("podSelector");
            boolean namespaceMatches = namespaces.isMissingNode() ? NAMESPACE.equals(namespace)
                    : selects(namespaces, Map.of("kubernetes.io/metadata.name", namespace));
            boolean podMatches = pods.isMissingNode() || selects(pods, labels);
            if (!peer.has("ipBlock") && namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    /** A label selector: every matchLabels pair and every In/NotIn/Exists expression must hold. */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> pair : selector.path("matchLabels").properties()) {
            if (!pair.getValue().asText().equals(labels.get(pair.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new java.util.ArrayList<>();
            expression.path("values").forEach(entry -> values.add(entry.asText()));
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator in " + expression);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> labels(Resource workload) {
        Map<String, String> labels = new HashMap<>();
        workload.node().path("spec").path("template").path("metadata").path("labels").properties()
                .forEach(pair -> labels.put(pair.getKey(), pair.getValue().asText()));
        return labels;
    }

    private static int port(Resource workload) {
        return workload.container().path("ports").path(0).path("containerPort").asInt();
    }

    /** The container port behind a Kubernetes Service's port. */
    private int targetPort(String service, int port) {
        Optional<Resource> kubernetesService = manifests.kubernetesService(service);
        assertThat(kubernetesService).as("Service %s", service).isPresent();
        for (JsonNode entry : kubernetesService.get().node().path("spec").path("ports")) {
            if (entry.path("port").asInt() == port) {
                return entry.path("targetPort").asInt(port);
            }
        }
        throw new AssertionError("Service " + service + " has no port " + port);
    }
}
