package dev.hookflow.hub.inbound.verify;

/**
 * A request whose signature has been checked. Only {@link Verification#verify} creates one, so code
 * that takes a {@code VerifiedWebhook} cannot be handed an unverified request.
 */
public final class VerifiedWebhook {
  private final String source;
  private final RawWebhook request;

  VerifiedWebhook(String source, RawWebhook request) {
    this.source = source;
    this.request = request;
  }

  public String source() {
    return source;
  }

  /** The body exactly as signed. */
  public byte[] body() {
    return request.body();
  }

  /** The first value of a header (name case-insensitive), or null. */
  public String header(String name) {
    return request.header(name);
  }

  /** Header values by lower-case name. */
  public java.util.Map<String, java.util.List<String>> headers() {
    return request.headers();
  }

  /** The media type without parameters, lower case, or null. */
  public String contentType() {
    return request.contentType();
  }

  /** The fields of a form body, in order (empty for other bodies). */
  public java.util.List<java.util.Map.Entry<String, String>> formFields() {
    return request.isForm() ? FormUrlEncoded.parse(request.body()) : java.util.List.of();
  }
}
