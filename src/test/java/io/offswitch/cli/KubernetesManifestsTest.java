package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s against the Kubernetes API's object model: fabric8's model classes, generated from the
 * Kubernetes OpenAPI schema, read each manifest with no coercion of scalars, and every field they do
 * not know (kept aside in their additionalProperties) is an error with its path. Then what a worker pod
 * needs for nested bubblewrap is checked to be there, and the worker's arguments to be ones
 * `offswitch worker` accepts.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("deploy", "k8s");
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();

    private static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (docs.hasNext()) {
                out.add((JsonNode) docs.next());
            }
        }
        return out;
    }

    /** Reads {@code node} as {@code type} and fails with the path of every field the API does not have. */
    private static <T> T strict(JsonNode node, Class<T> type) throws Exception {
        T value = YAML.treeToValue(node, type);
        List<String> unknown = new ArrayList<>();
        unknownFields(value, type.getSimpleName(), unknown);
        assertThat(unknown).as("fields the Kubernetes API does not have").isEmpty();
        return value;
    }

    private static void unknownFields(Object value, String path, List<String> out) throws Exception {
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    unknownFields(item, path + "[" + i++ + "]", out);
                }
            } else if (value instanceof Map<?, ?> map) {
                for (var e : map.entrySet()) {
                    unknownFields(e.getValue(), path + "." + e.getKey(), out);
                }
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(child, path + "." + field, out);
        }
    }

    @Test
    void theWorkerJobIsAValidJobWithWhatNestedBubblewrapNeeds() throws Exception {
        List<JsonNode> docs = documents(DIR.resolve("worker-job.yaml"));
        assertThat(docs).hasSize(1);
        Job job = strict(docs.getFirst(), Job.class);
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getKind()).isEqualTo("Job");
        // The work-queue pattern: N pods, no completion count; each exits when the queue is empty.
        assertThat(job.getSpec().getParallelism()).isGreaterThan(1);
        assertThat(job.getSpec().getCompletions()).isNull();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isIn("OnFailure", "Never");
        assertThat(pod.getHostUsers()).as("a user namespace of the pod's own").isFalse();
        Container worker = pod.getContainers().getFirst();
        SecurityContext security = worker.getSecurityContext();
        assertThat(security.getPrivileged()).isFalse();
        assertThat(security.getRunAsUser()).isZero();
        assertThat(security.getCapabilities().getAdd()).contains("SYS_ADMIN", "NET_ADMIN");
        assertThat(security.getAllowPrivilegeEscalation()).as("the API refuses false with SYS_ADMIN").isTrue();
        assertThat(security.getSeccompProfile().getType()).isIn("Unconfined", "Localhost");
        assertThat(security.getAppArmorProfile().getType()).isIn("Unconfined", "Localhost");
        assertThat(security.getProcMount()).isEqualTo("Unmasked");
        assertThat(worker.getResources().getLimits()).containsKey("memory");

        // The store URL and password come from the Secret's keys, the password never in the URL.
        Map<String, EnvVar> env = new java.util.HashMap<>();
        worker.getEnv().forEach(e -> env.put(e.getName(), e));
        assertThat(env.get("PGPASSWORD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        String secretName = env.get("OFFSWITCH_STORE").getValueFrom().getSecretKeyRef().getName();
        Secret secret = strict(documents(DIR.resolve("store-secret.example.yaml")).getFirst(), Secret.class);
        assertThat(secret.getMetadata().getName()).isEqualTo(secretName);
        assertThat(secret.getStringData()).containsKeys("url", "password");
        assertThat(secret.getStringData().get("url")).startsWith("postgresql://").doesNotContain(secret.getStringData().get("password"));
        assertThat(env.get("PGPASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo(secretName);

        // The container's arguments are ones `offswitch worker` takes (Kubernetes expands $(VAR) from env).
        assertThat(worker.getArgs().getFirst()).isEqualTo("worker");
        List<String> args = worker.getArgs().subList(1, worker.getArgs().size()).stream()
                .map(a -> a.replace("$(OFFSWITCH_STORE)", "postgresql://offswitch@db.example:5432/offswitch")).toList();
        WorkerCommand command = new WorkerCommand();
        new picocli.CommandLine(command).parseArgs(args.toArray(String[]::new));
        assertThat(command.storeOption.store).isPresent();
        assertThat(command.concurrency).isGreaterThan(1);
        assertThat(env).containsKey("OFFSWITCH_SANDBOX_DIR");
        assertThat(worker.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(env.get("OFFSWITCH_SANDBOX_DIR").getValue()));
    }

    @Test
    void aFieldTheApiDoesNotHaveOrAValueOfTheWrongTypeIsRefused() throws Exception {
        JsonNode job = documents(DIR.resolve("worker-job.yaml")).getFirst();
        JsonNode misspelt = job.deepCopy();
        ObjectNode container = (ObjectNode) misspelt.at("/spec/template/spec/containers/0");
        container.set("securityContex", container.remove("securityContext"));
        assertThatThrownBy(() -> strict(misspelt, Job.class)).hasMessageContaining("Job.spec.template.spec.containers[0].securityContex");
        JsonNode wrongType = job.deepCopy();
        ((ObjectNode) wrongType.at("/spec")).put("parallelism", "four");
        assertThatThrownBy(() -> strict(wrongType, Job.class)).hasMessageContaining("parallelism");
    }
}
