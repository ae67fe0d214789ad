package dev.hookflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Reads counters from a Prometheus text endpoint on loopback (the hub's, Temporal's). */
final class PromText {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final URI uri;

  PromText(String url) {
    this.uri = URI.create(url);
  }

  /** The text as served now. */
  String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The sum of every sample of {@code metric} whose label text passes {@code labels}. */
  static double sum(String text, String metric, Predicate<String> labels) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
      if (!name.equals(metric) || space < 0) {
        continue;
      }
      String labelText = brace >= 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
      if (labels.test(labelText)) {
        total += Double.parseDouble(line.substring(space + 1).trim());
      }
    }
    return total;
  }

  double sum(String metric, Predicate<String> labels) throws IOException, InterruptedException {
    return sum(scrape(), metric, labels);
  }
}
