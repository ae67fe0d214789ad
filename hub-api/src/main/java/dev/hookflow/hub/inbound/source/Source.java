package dev.hookflow.hub.inbound.source;

import dev.hookflow.hub.inbound.expression.ValueExpression;
import dev.hookflow.hub.inbound.verify.SignatureVerifier;

/**
 * A served webhook source: its verifier and how to read event id and type.
 *
 * @param scheme the verifier scheme name, for example {@code slack}
 */
public record Source(
    String name,
    String scheme,
    SignatureVerifier verifier,
    ValueExpression eventId,
    ValueExpression eventType,
    int maxBodyBytes) {}
