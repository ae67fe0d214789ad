package dev.hookflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StoreTest {
  static ApplicationContext context;
  static ApplicationRepository apps;
  static EndpointRepository endpoints;
  static Listings sql;

  @BeforeAll
  static void start() {
    context = StoreContext.start();
    apps = context.getBean(ApplicationRepository.class);
    endpoints = context.getBean(EndpointRepository.class);
    sql = context.getBean(Listings.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  static ApplicationRow app(String name) {
    return apps.save(new ApplicationRow(Ids.next("app_"), null, name, "{}", null, NOW, NOW));
  }

  static EndpointRow endpoint(String appId, String[] types, String[] channels, boolean disabled) {
    return endpoints.save(
        new EndpointRow(
            Ids.next("ep_"),
            appId,
            null,
            "http://127.0.0.1:1/hook",
            "",
            disabled,
            types,
            channels,
            null,
            "{}",
            "{}",
            "whsec_x",
            null,
            null,
            NOW,
            NOW));
  }

  @Test
  void idsSortInCreationOrderAndCarryTheirPrefix() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      ids.add(Ids.next("msg_"));
    }
    List<String> sorted = new ArrayList<>(ids);
    java.util.Collections.sort(sorted);
    assertEquals(ids, sorted);
    assertTrue(ids.get(0).matches("msg_[0-9A-HJKMNP-TV-Z]{26}"), ids.get(0));
    assertEquals(2000, ids.stream().distinct().count());
  }

  @Test
  void rowsRoundTripThroughTheRepositories() {
    ApplicationRow saved = app("Acme");
    Optional<ApplicationRow> read = apps.findById(saved.id());
    assertEquals(saved, read.orElseThrow());
    EndpointRow ep = endpoint(saved.id(), new String[] {"a.b"}, null, false);
    EndpointRow back = endpoints.findByIdAndAppId(ep.id(), saved.id()).orElseThrow();
    assertEquals(List.of("a.b"), List.of(back.filterTypes()));
    assertEquals(null, back.channels());
  }

  @Test
  void cursorPagesWalkNewestFirstAndBack() {
    ApplicationRow owner = app("pages");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(endpoint(owner.id(), null, null, false).id());
    }
    String select = "SELECT * FROM endpoint WHERE app_id = ?";
    Page<EndpointRow> first =
        sql.page(
            select,
            List.of(owner.id()),
            "id",
            null,
            3,
            false,
            sql.entity(EndpointRow.class),
            EndpointRow::id);
    assertEquals(
        List.of(ids.get(6), ids.get(5), ids.get(4)),
        first.data().stream().map(EndpointRow::id).toList());
    assertFalse(first.done());
    // a row added meanwhile does not shift the next page
    endpoint(owner.id(), null, null, false);
    Page<EndpointRow> second =
        sql.page(
            select,
            List.of(owner.id()),
            "id",
            first.iterator(),
            3,
            false,
            sql.entity(EndpointRow.class),
            EndpointRow::id);
    assertEquals(
        List.of(ids.get(3), ids.get(2), ids.get(1)),
        second.data().stream().map(EndpointRow::id).toList());
    Page<EndpointRow> third =
        sql.page(
            select,
            List.of(owner.id()),
            "id",
            second.iterator(),
            3,
            false,
            sql.entity(EndpointRow.class),
            EndpointRow::id);
    assertEquals(List.of(ids.get(0)), third.data().stream().map(EndpointRow::id).toList());
    assertTrue(third.done());
    Page<EndpointRow> back =
        sql.page(
            select,
            List.of(owner.id()),
            "id",
            second.prevIterator(),
            3,
            false,
            sql.entity(EndpointRow.class),
            EndpointRow::id);
    assertEquals(
        first.data().stream().map(EndpointRow::id).toList(),
        back.data().stream().map(EndpointRow::id).toList());
  }

  @Test
  void onlyEnabledEndpointsWhoseTypesAndChannelsMatchAreChosen() {
    ApplicationRow owner = app("match");
    String all = endpoint(owner.id(), null, null, false).id();
    String typed = endpoint(owner.id(), new String[] {"invoice.paid"}, null, false).id();
    endpoint(owner.id(), new String[] {"user.created"}, null, false);
    endpoint(owner.id(), null, null, true);
    String channel = endpoint(owner.id(), null, new String[] {"eu"}, false).id();
    endpoint(owner.id(), null, new String[] {"us"}, false);
    Destinations destinations = context.getBean(Destinations.class);
    assertEquals(
        List.of(all, typed, channel),
        destinations.matchingEndpoints(owner.id(), "invoice.paid", new String[] {"eu"}, null, 100));
    assertEquals(
        List.of(all, typed),
        destinations.matchingEndpoints(owner.id(), "invoice.paid", null, null, 100));
    assertEquals(
        List.of(typed), destinations.matchingEndpoints(owner.id(), "invoice.paid", null, all, 1));
  }

  @Test
  void anIdempotencyKeyIsClaimedOnceAndKeepsItsAnswer() {
    IdempotentRequests keys = context.getBean(IdempotentRequests.class);
    Instant now = Instant.now();
    assertTrue(keys.claim("t", "k1", "/api/v1/app", "h1", now).isEmpty());
    IdempotentRequests.Claim running =
        keys.claim("t", "k1", "/api/v1/app", "h1", now).orElseThrow();
    assertFalse(running.finished());
    keys.finish("t", "k1", "/api/v1/app", 201, "{\"id\":\"app_1\"}");
    IdempotentRequests.Claim done = keys.claim("t", "k1", "/api/v1/app", "h1", now).orElseThrow();
    assertEquals(201, done.status());
    assertEquals("h1", done.bodyHash());
    // other token, other path: independent; after the retention the key is free again
    assertTrue(keys.claim("u", "k1", "/api/v1/app", "h1", now).isEmpty());
    assertTrue(
        keys.claim(
                "t",
                "k1",
                "/api/v1/app",
                "h1",
                now.plus(IdempotentRequests.RETENTION).plusSeconds(1))
            .isEmpty());
  }

  @Test
  void aServerLeftRunningByAKilledHubIsStoppedAndTheDataKept() throws Exception {
    Path dir = Files.createTempDirectory("hookflow-pg");
    Process hub =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KeptDatabaseMain.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try (var out =
        new java.io.BufferedReader(new java.io.InputStreamReader(hub.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {}
      assertEquals("ready", line);
    }
    hub.destroyForcibly().waitFor(); // SIGKILL: its postgres keeps running on dir
    assertTrue(Files.exists(dir.resolve("postmaster.pid")));
    EmbeddedDatabase live = EmbeddedDatabase.kept(dir);
    try {
      IllegalStateException inUse =
          assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.kept(dir));
      assertTrue(inUse.getMessage().contains("in use by another running hub"), inUse.getMessage());
    } finally {
      live.close();
    }
    try (EmbeddedDatabase next = EmbeddedDatabase.kept(dir);
        var c = next.dataSource().getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT name FROM application WHERE id = 'app_kept'")) {
      assertTrue(rs.next());
      assertEquals("k", rs.getString(1));
    }
  }

  @Test
  void aThrowawayServerOfAKilledProcessIsReapedByTheNextStart() throws Exception {
    Process hub =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KeptDatabaseMain.class.getName(),
                "throwaway")
            .redirectErrorStream(true)
            .start();
    int port;
    try (var out =
        new java.io.BufferedReader(new java.io.InputStreamReader(hub.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("ready ")) {}
      port = Integer.parseInt(line.substring(6).trim());
    }
    hub.destroyForcibly().waitFor(); // its postgres keeps running in a temporary directory
    assertTrue(accepts(port), "the orphan still runs");
    EmbeddedDatabase.reapThrowawayOrphans();
    assertFalse(accepts(port), "the orphan was stopped");
  }

  static boolean accepts(int port) {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
