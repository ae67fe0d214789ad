package dev.hookflow.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.workflows.event.SearchAttributeNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the production compose file and Dockerfile are checked statically
 * against what the hub actually reads and serves.
 */
class ComposeFileTest {
  static final Path ROOT = Path.of("..");

  @SuppressWarnings("unchecked")
  static Map<String, Object> compose() throws Exception {
    return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> service(String name) throws Exception {
    Map<String, Object> services = (Map<String, Object>) compose().get("services");
    assertTrue(services.containsKey(name), "compose has no service " + name);
    return (Map<String, Object>) services.get(name);
  }

  /** Environment variables the hub reads: the ${VAR} placeholders of its application.yml. */
  static Set<String> variablesTheHubReads() throws Exception {
    String yml = Files.readString(Path.of("src/main/resources/application.yml"));
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(yml);
    while (m.find()) {
      out.add(m.group(1));
    }
    // Read by Micronaut itself: active environments (reference routes) and extra config files.
    out.add("MICRONAUT_ENVIRONMENTS");
    out.add("MICRONAUT_CONFIG_FILES");
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) service.get("environment"))
        .forEach((k, v) -> env.put(k, String.valueOf(v)));
    return env;
  }

  @Test
  void shouldSetOnlyVariablesTheHubReads() throws Exception {
    Set<String> read = variablesTheHubReads();
    Map<String, String> env = environment(service("hookflow"));
    Set<String> unknown = new TreeSet<>(env.keySet());
    unknown.removeAll(read);
    assertTrue(unknown.isEmpty(), "compose sets variables the hub never reads: " + unknown);
    for (String secret :
        List.of(
            "GITHUB_WEBHOOK_SECRET",
            "STRIPE_WEBHOOK_SECRET",
            "SLACK_SIGNING_SECRET",
            "SHOPIFY_WEBHOOK_SECRET",
            "TWILIO_AUTH_TOKEN",
            "STANDARD_WEBHOOK_SECRET")) {
      assertTrue(env.containsKey(secret), secret + " not passed through");
      assertTrue(
          env.get(secret).startsWith("${" + secret),
          "secrets come from the environment, not the file");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldLineUpPortsHealthchecksAndTemporalAddress() throws Exception {
    Map<String, Object> hub = service("hookflow");
    Map<String, String> env = environment(hub);
    String port = env.get("HOOKFLOW_PORT");
    List<String> ports = (List<String>) hub.get("ports");
    assertTrue(
        ports.stream().anyMatch(p -> p.endsWith(":" + port)),
        "hub port " + port + " not published: " + ports);
    String health =
        String.join(" ", (List<String>) ((Map<String, Object>) hub.get("healthcheck")).get("test"));
    assertTrue(health.contains("127.0.0.1:" + port + "/health"), health);

    Map<String, Object> temporal = service("temporal");
    List<String> temporalPorts = (List<String>) temporal.get("ports");
    assertTrue(temporalPorts.contains("7233:7233"));
    assertEquals("temporal:7233", env.get("TEMPORAL_ADDRESS"));
    assertEquals("temporal:7233", environment(service("temporal-ui")).get("TEMPORAL_ADDRESS"));
    assertTrue(((List<String>) service("temporal-ui").get("ports")).contains("8080:8080"));
    assertFalse(
        ports.stream().anyMatch(p -> p.startsWith("8080:")), "hub must not take the UI's port");

    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertTrue(dockerfile.contains("ENV HOOKFLOW_PORT=" + port), "Dockerfile default port differs");
    assertTrue(dockerfile.contains("EXPOSE " + port));
    assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/health"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldGiveTheHubLongerToStopThanItsGracePeriod() throws Exception {
    Map<String, Object> yml =
        new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
    Map<String, Object> lifecycle =
        (Map<String, Object>) ((Map<String, Object>) yml.get("micronaut")).get("lifecycle");
    Map<String, Object> graceful = (Map<String, Object>) lifecycle.get("graceful-shutdown");
    assertEquals(true, graceful.get("enabled"));
    long grace = seconds(String.valueOf(graceful.get("grace-period")));
    Object stop = service("hookflow").get("stop_grace_period");
    assertTrue(stop != null, "compose's default 10 s would cut answers in flight");
    assertTrue(
        seconds(String.valueOf(stop)) > grace,
        "stop_grace_period " + stop + " must exceed the hub's grace period " + grace + " s");
  }

  private static long seconds(String duration) {
    Matcher m = Pattern.compile("(\\d+)s").matcher(duration.trim());
    assertTrue(m.matches(), "a duration in seconds: " + duration);
    return Long.parseLong(m.group(1));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldRegisterTheHubsSearchAttributes() throws Exception {
    String setup = String.join("\n", (List<String>) service("temporal-setup").get("command"));
    Matcher m = Pattern.compile("for name in ([A-Za-z ]+);").matcher(setup);
    assertTrue(m.find(), setup);
    assertEquals(
        new HashSet<>(SearchAttributeNames.ALL),
        new HashSet<>(List.of(m.group(1).trim().split(" +"))));
    assertTrue(setup.contains("--type Keyword"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldPinEveryImageAndBuildHubAsNonRootInStages() throws Exception {
    Map<String, Object> services = (Map<String, Object>) compose().get("services");
    services.forEach(
        (name, value) -> {
          Map<String, Object> service = (Map<String, Object>) value;
          if (service.containsKey("image")) {
            String image = service.get("image").toString();
            assertTrue(
                image.matches("[^:]+:v?[0-9][\\w.\\-]*"),
                name + " image not pinned to a version: " + image);
          } else {
            assertEquals(
                ".",
                String.valueOf(service.get("build")),
                name + " neither pinned image nor the hub build");
          }
        });
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertTrue(
        Pattern.compile("^FROM ", Pattern.MULTILINE).matcher(dockerfile).results().count() >= 2,
        "multi-stage");
    assertTrue(dockerfile.contains("./mvnw"), "builds with the Maven Wrapper");
    Matcher user = Pattern.compile("^USER (\\S+)", Pattern.MULTILINE).matcher(dockerfile);
    assertTrue(
        user.find() && !user.group(1).equals("root") && !user.group(1).equals("0"),
        "runs as non-root");
    Set<String> copied = new TreeSet<>();
    Pattern.compile("^COPY (\\S+)", Pattern.MULTILINE)
        .matcher(dockerfile)
        .results()
        .forEach(r -> copied.add(r.group(1)));
    for (String module : List.of("workflows", "activities", "hub-api")) {
      assertTrue(copied.contains(module), "Dockerfile does not copy " + module);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldRunPrometheusAndGrafanaUnderTheObservabilityProfile() throws Exception {
    assertEquals(List.of("observability"), service("jaeger").get("profiles"));
    assertTrue(
        environment(service("hookflow")).containsKey("OTEL_EXPORTER_OTLP_ENDPOINT"),
        "the hub can be pointed at the collector");
    for (String name : List.of("prometheus", "grafana")) {
      Map<String, Object> service = service(name);
      assertEquals(List.of("observability"), service.get("profiles"), name);
      for (Object volume : (List<Object>) service.get("volumes")) {
        String host = volume.toString().split(":")[0];
        assertTrue(Files.exists(ROOT.resolve(host)), name + " mounts missing " + host);
      }
    }
    Map<String, Object> prometheus =
        new Yaml().load(Files.readString(ROOT.resolve("observability/prometheus/prometheus.yml")));
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
    Map<String, Object> hub =
        jobs.stream().filter(j -> "hookflow".equals(j.get("job_name"))).findFirst().orElseThrow();
    assertEquals("/prometheus", hub.get("metrics_path"), "the hub serves metrics there");
    String hubPort = environment(service("hookflow")).get("HOOKFLOW_PORT");
    assertEquals(
        "hookflow:" + hubPort,
        ((List<Map<String, Object>>) hub.get("static_configs"))
            .get(0)
            .get("targets")
            .toString()
            .replaceAll("[\\[\\]]", ""));
    String temporalMetrics = environment(service("temporal")).get("PROMETHEUS_ENDPOINT");
    Map<String, Object> temporal =
        jobs.stream().filter(j -> "temporal".equals(j.get("job_name"))).findFirst().orElseThrow();
    assertEquals(
        "temporal:" + temporalMetrics.split(":")[1],
        ((List<Map<String, Object>>) temporal.get("static_configs"))
            .get(0)
            .get("targets")
            .toString()
            .replaceAll("[\\[\\]]", ""));
    assertEquals(List.of("/etc/prometheus/alerts.yml"), prometheus.get("rule_files"));
    assertTrue(
        ((List<Object>) service("prometheus").get("volumes"))
            .contains("./observability/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro"));
    Map<String, Object> provider =
        ((List<Map<String, Object>>)
                new Yaml()
                    .<Map<String, Object>>load(
                        Files.readString(
                            ROOT.resolve(
                                "observability/grafana/provisioning/dashboards/hookflow.yml")))
                    .get("providers"))
            .get(0);
    assertEquals(
        "/var/lib/grafana/dashboards", ((Map<String, Object>) provider.get("options")).get("path"));
  }
}
