package dev.tickflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.deploy.Manifests.Resource;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import org.junit.jupiter.api.Test;

/**
 * Holds the Kubernetes manifests to what the services actually do: their ports and health checks, the consumer groups and
 * topics they read (what the autoscalers watch and the ACLs allow), what they write, and how Kafka Streams keeps state.
 * A renamed group, a new output topic or a moved port fails here rather than in production.
 */
class DeploymentManifestsTest {

    /** http://risk:8084 (a Kubernetes Service and port) or http://history.$(POD_NAMESPACE).svc.cluster.local (Knative). */
    private static final Pattern PEER_URL =
            Pattern.compile("http://([a-z0-9-]+)(?::(\\d+)|\\.\\$\\(POD_NAMESPACE\\)\\.svc\\.cluster\\.local)");

    private final Manifests manifests = Manifests.load(Manifests.directory());
    private final List<ServiceSettings> services = ServiceSettings.all();

    @Test
    void kustomizationListsEveryManifestFile() throws IOException {
        Set<Path> onDisk = new HashSet<>();
        try (Stream<Path> files = Files.walk(manifests.root())) {
            files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.startsWith(manifests.root().resolve("src")))
                    .filter(file -> !file.startsWith(manifests.root().resolve("target")))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(onDisk::add);
        }
        assertThat(manifests.files()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void everyServiceRunsItsImageOnItsPortWithHealthChecks() {
        assertThat(services).hasSizeGreaterThanOrEqualTo(10);
        for (ServiceSettings service : services) {
            Resource workload = manifests.workload(service.name())
                    .orElseThrow(() -> new AssertionError("no workload for " + service.name()));
            JsonNode container = workload.container();
            assertThat(container.path("image").asText()).as(service.name()).isEqualTo("tickflow/" + service.name());
            assertThat(container.path("ports").path(0).path("containerPort").asInt()).as(service.name()).isEqualTo(service.httpPort());
            JsonNode readiness = container.path("readinessProbe").path("httpGet");
            assertThat(readiness.path("path").asText()).as(service.name()).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(service.name())
                    .isEqualTo("/q/health/live");
            assertThat(container.path("resources").path("limits").has("memory")).as(service.name() + " memory limit").isTrue();
            if (!workload.isKnativeService()) {
                assertThat(readiness.path("port").asInt()).as(service.name()).isEqualTo(service.httpPort());
                Resource kubernetesService = manifests.kubernetesService(service.name())
                        .orElseThrow(() -> new AssertionError("no Service " + service.name()));
                assertThat(kubernetesService.node().path("spec").path("ports").path(0).path("port").asInt()).isEqualTo(service.httpPort());
            }
        }
    }

    @Test
    void peerAddressesPointAtServicesThatExist() {
        List<Resource> workloads = manifests.all().filter(Resource::isWorkload).toList();
        int checked = 0;
        for (Resource workload : workloads) {
            for (JsonNode variable : workload.container().path("env")) {
                Matcher url = PEER_URL.matcher(variable.path("value").asText());
                if (!url.find()) {
                    continue;
                }
                checked++;
                String name = url.group(1);
                if (url.group(2) != null) {
                    Resource target = manifests.kubernetesService(name)
                            .orElseThrow(() -> new AssertionError(variable + ": no Service " + name));
                    assertThat(target.node().path("spec").path("ports").findValuesAsText("port")).as(variable.toString())
                            .contains(url.group(2));
                } else {
                    assertThat(manifests.workload(name)).as(variable.toString()).hasValueSatisfying(Resource::isKnativeService);
                }
            }
        }
        assertThat(checked).as("peer URLs found").isGreaterThanOrEqualTo(8);
    }

    @Test
    void streamProcessorsKeepStateOnVolumesAndAnswerQueriesUnderStableNames() {
        for (ServiceSettings service : services.stream().filter(ServiceSettings::isStreamsService).toList()) {
            Resource workload = manifests.workload(service.name()).orElseThrow();
            assertThat(workload.kind()).as(service.name()).isEqualTo("StatefulSet");

            String stateDir = workload.env("TICKFLOW_STATE_DIR", manifests)
                    .orElseThrow(() -> new AssertionError(service.name() + " state dir"));
            assertThat(service.required("kafka-streams.state.dir")).contains("${tickflow.state-dir");
            JsonNode mount = workload.container().path("volumeMounts").findParents("mountPath").stream()
                    .filter(candidate -> candidate.path("mountPath").asText().equals(stateDir)).findFirst()
                    .orElseThrow(() -> new AssertionError(service.name() + ": nothing mounted at " + stateDir));
            assertThat(workload.node().path("spec").path("volumeClaimTemplates").findValuesAsText("name"))
                    .as(service.name() + " keeps its stores on a persistent volume").contains(mount.path("name").asText());

            String replication = service.placeholderOf("kafka-streams.replication.factor").orElseThrow();
            assertThat(workload.env(ServiceSettings.environmentName(replication), manifests)).as(service.name() + " " + replication)
                    .hasValue("3");
            String standbys = service.placeholderOf("kafka-streams.num.standby.replicas").orElseThrow();
            assertThat(workload.env(ServiceSettings.environmentName(standbys), manifests)).as(service.name() + " " + standbys)
                    .hasValueSatisfying(value -> assertThat(Integer.parseInt(value)).isPositive());

            var advertised = service.placeholderOf("quarkus.kafka-streams.application-server");
            if (advertised.isPresent()) {
                String serviceName = workload.node().path("spec").path("serviceName").asText();
                assertThat(manifests.kubernetesService(serviceName)).as(service.name() + " headless service")
                        .hasValueSatisfying(headless -> assertThat(headless.node().path("spec").path("clusterIP").asText())
                                .isEqualTo("None"));
                assertThat(workload.env(ServiceSettings.environmentName(advertised.get()), manifests))
                        .as(service.name() + " advertised host")
                        .hasValue("$(POD_NAME)." + serviceName + ".$(POD_NAMESPACE).svc.cluster.local");
            }
        }
    }

    @Test
    void sequencedServicesAreStatelessAndAnswerQueriesAtTheirPodAddress() {
        List<ServiceSettings> sequenced = services.stream().filter(ServiceSettings::isSequencedService).toList();
        assertThat(sequenced).extracting(ServiceSettings::name).contains("risk", "matching-engine");
        for (ServiceSettings service : sequenced) {
            Resource workload = manifests.workload(service.name()).orElseThrow();
            assertThat(workload.kind()).as(service.name() + ": its state is on its snapshot topic").isEqualTo("Deployment");
            assertThat(workload.node().path("spec").path("volumeClaimTemplates").isMissingNode()).isTrue();
            assertThat(Topics.find(service.required("tickflow.sequencer.snapshot-topic"))).as(service.name() + " snapshot topic")
                    .hasValueSatisfying(topic -> assertThat(topic.isSnapshot()).isTrue());
            String advertised = service.properties().stringPropertyNames().stream().filter(key -> key.endsWith(".advertised-host"))
                    .findFirst().orElseThrow(() -> new AssertionError(service.name() + " advertises no host"));
            assertThat(workload.env(ServiceSettings.environmentName(advertised), manifests)).as(service.name() + " advertised host")
                    .hasValue("$(POD_IP)");
            assertThat(workload.container().path("env").findValuesAsText("name")).contains("POD_IP");
        }
    }

    @Test
    void workloadsThatRunTwoOrMoreKeepOneUpThroughANodeDrain() {
        List<Resource> multiple = manifests.all().filter(resource -> "Deployment".equals(resource.kind())
                || "StatefulSet".equals(resource.kind())).filter(workload -> workload.node().path("spec").path("replicas").asInt(1) >= 2)
                .toList();
        assertThat(multiple).extracting(Resource::name).contains("risk", "matching-engine", "web");
        for (Resource workload : multiple) {
            var labels = workload.node().path("spec").path("template").path("metadata").path("labels");
            Resource budget = manifests.ofKind("PodDisruptionBudget")
                    .filter(pdb -> {
                        var wanted = pdb.node().path("spec").path("selector").path("matchLabels");
                        return wanted.size() > 0 && wanted.properties().stream()
                                .allMatch(label -> label.getValue().asText().equals(labels.path(label.getKey()).asText()));
                    })
                    .findFirst().orElseThrow(() -> new AssertionError(workload.name() + " has no PodDisruptionBudget"));
            assertThat(budget.node().path("spec").path("maxUnavailable").asInt()).as(workload.name()).isEqualTo(1);
        }
    }

    @Test
    void autoscalersWatchTheGroupsAndTopicsTheServicesConsume() {
        List<Resource> scaledObjects = manifests.ofKind("ScaledObject").toList();
        assertThat(scaledObjects).isNotEmpty();
        for (Resource scaled : scaledObjects) {
            JsonNode spec = scaled.node().path("spec");
            String target = spec.path("scaleTargetRef").path("name").asText();
            Resource workload = manifests.workload(target).orElseThrow(() -> new AssertionError(scaled.name() + " scales nothing"));
            assertThat(workload.kind()).isEqualTo(spec.path("scaleTargetRef").path("kind").asText());
            ServiceSettings service = service(target);
            int maxReplicas = spec.path("maxReplicaCount").asInt();
            assertThat(spec.path("minReplicaCount").asInt()).as(target).isBetween(1, maxReplicas);
            for (JsonNode trigger : spec.path("triggers")) {
                if (!"kafka".equals(trigger.path("type").asText())) {
                    continue;
                }
                JsonNode metadata = trigger.path("metadata");
                String topic = metadata.path("topic").asText();
                assertThat(service.groupIds()).as(target + " consumer groups").contains(metadata.path("consumerGroup").asText());
                assertThat(service.inputTopics()).as(target + " inputs").contains(topic);
                assertThat(maxReplicas).as(target + ": more instances than " + topic + " has partitions would idle")
                        .isLessThanOrEqualTo(Topics.byName(topic).partitions());
                assertThat(Integer.parseInt(metadata.path("lagThreshold").asText())).isPositive();
                assertThat(manifests.find("TriggerAuthentication", trigger.path("authenticationRef").path("name").asText())).isPresent();
            }
        }
        assertThat(scaledObjects.stream().map(scaled -> scaled.node().path("spec").path("scaleTargetRef").path("name").asText()))
                .as("every stream processor scales on lag")
                .containsAll(services.stream().filter(service -> service.isStreamsService() || service.isSequencedService())
                        .map(ServiceSettings::name).toList());
    }

    @Test
    void knativeServicesScaledOnLagWatchEveryGroupTheyConsumeWith() {
        List<Resource> lagScaled = manifests.all().filter(Resource::isKnativeService)
                .filter(ksvc -> annotation(ksvc, "autoscaling.knative.dev/class").equals("hpa.autoscaling.knative.dev")).toList();
        assertThat(lagScaled).extracting(Resource::name).contains("history");
        Pattern groupRegex = Pattern.compile("consumergroup=~\"([^\"]+)\"");
        for (Resource ksvc : lagScaled) {
            Matcher query = groupRegex.matcher(annotation(ksvc, "autoscaling.knative.dev/query"));
            assertThat(query.find()).as(ksvc.name() + " query names its groups").isTrue();
            Pattern groups = Pattern.compile(query.group(1));
            assertThat(service(ksvc.name()).groupIds()).isNotEmpty()
                    .allSatisfy(group -> assertThat(groups.matcher(group).matches()).as(group).isTrue());
            assertThat(Integer.parseInt(annotation(ksvc, "autoscaling.knative.dev/min-scale")))
                    .as("at zero instances nothing consumes, so the lag would never fall").isPositive();
        }
    }

    @Test
    void everyServiceAuthenticatesToKafkaAsItsOwnUserOverTls() {
        Resource client = manifests.find("ConfigMap", "kafka-client").orElseThrow();
        JsonNode data = client.node().path("data");
        assertThat(data.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(data.path("QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(data.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo(data.path("QUARKUS_KAFKA_STREAMS_SASL_MECHANISM").asText());
        JsonNode listener = manifests.find("Kafka", StrimziTopics.CLUSTER).orElseThrow().node()
                .path("spec").path("kafka").path("listeners").path(0);
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(data.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(data.path("KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo(StrimziTopics.CLUSTER + "-kafka-bootstrap:" + listener.path("port").asInt());
        Path truststore = Path.of(data.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText());

        for (ServiceSettings service : services) {
            Resource workload = manifests.workload(service.name()).orElseThrow();
            assertThat(workload.container().path("envFrom").findValuesAsText("name")).as(service.name()).contains("kafka-client");
            assertThat(workload.envSecret("KAFKA_SASL_JAAS_CONFIG")).as(service.name())
                    .hasValueSatisfying(secret -> assertThat(secret).containsExactly(service.name(), "sasl.jaas.config"));
            if (service.isStreamsService()) {
                assertThat(workload.envSecret("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG")).as(service.name())
                        .hasValueSatisfying(secret -> assertThat(secret).containsExactly(service.name(), "sasl.jaas.config"));
            }
            assertThat(manifests.find("KafkaUser", service.name())).as("KafkaUser " + service.name()).isPresent();
            assertThat(workload.container().path("volumeMounts").findValuesAsText("mountPath")).as(service.name() + " cluster CA")
                    .contains(truststore.getParent().toString());
        }
    }

    @Test
    void eachServiceMayWriteWhatItEmitsAndDeadLettersWhatItReads() {
        for (ServiceSettings service : services) {
            JsonNode acls = manifests.find("KafkaUser", service.name()).orElseThrow().node()
                    .path("spec").path("authorization").path("acls");
            Set<String> writable = new LinkedHashSet<>();
            Set<String> groupPrefixes = new LinkedHashSet<>();
            Set<String> topicPrefixes = new LinkedHashSet<>();
            Set<String> transactionalPrefixes = new LinkedHashSet<>();
            for (JsonNode acl : acls) {
                JsonNode resource = acl.path("resource");
                List<String> operations = textList(acl.path("operations"));
                String name = resource.path("name").asText();
                boolean prefix = "prefix".equals(resource.path("patternType").asText());
                switch (resource.path("type").asText()) {
                    case "topic" -> {
                        if (prefix) {
                            topicPrefixes.add(name);
                        } else if (operations.contains("Write")) {
                            assertThat(Topics.find(name)).as(service.name() + " writes " + name + ", missing from the catalogue")
                                    .isPresent();
                            writable.add(name);
                        }
                    }
                    case "group" -> groupPrefixes.add(name);
                    case "transactionalId" -> transactionalPrefixes.add(name);
                    default -> { }
                }
            }
            assertThat(writable).as(service.name() + " emits").containsAll(service.outgoingTopics());
            Set<String> deadLetters = new LinkedHashSet<>();
            service.inputTopics().forEach(topic -> deadLetters.add(topic + TopicNames.DEAD_LETTER_SUFFIX));
            assertThat(writable).as(service.name() + " dead-letters what it reads").containsAll(deadLetters);
            assertThat(groupPrefixes).containsExactly(service.name());
            assertThat(service.groupIds()).allSatisfy(group -> assertThat(group).startsWith(service.name()));
            service.streamsApplicationId().ifPresent(applicationId -> {
                assertThat(topicPrefixes).as(service.name() + " internal topics").contains(applicationId + "-");
                assertThat(transactionalPrefixes).as(service.name() + " transactional ids").contains(applicationId);
            });
        }
    }

    private ServiceSettings service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name + " in services/pom.xml"));
    }

    private static String annotation(Resource resource, String name) {
        return resource.node().path("spec").path("template").path("metadata").path("annotations").path(name).asText("");
    }

    private static List<String> textList(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
