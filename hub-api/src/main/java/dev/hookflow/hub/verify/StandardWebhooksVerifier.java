package dev.hookflow.hub.verify;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard Webhooks (also Svix): {@code webhook-id}, {@code webhook-timestamp}, {@code
 * webhook-signature} (or the {@code svix-} names). The signed content is {@code id.timestamp.body};
 * the signature header holds space-separated {@code v1,<base64>} (HMAC-SHA256 under a {@code
 * whsec_} secret) and {@code v1a,<base64>} (Ed25519 under a {@code whpk_} public key) entries, any
 * of which may match.
 */
public final class StandardWebhooksVerifier implements SignatureVerifier {
  private static final String SECRET_PREFIX = "whsec_";
  private static final String PUBLIC_KEY_PREFIX = "whpk_";

  /** DER prefix that turns a raw 32-byte Ed25519 key into an X.509 SubjectPublicKeyInfo. */
  private static final byte[] ED25519_X509_PREFIX = Hmac.hex("302a300506032b6570032100");

  private final List<Hmac> hmacKeys = new ArrayList<>();
  private final List<PublicKey> publicKeys = new ArrayList<>();
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @param secrets {@code whsec_<base64>} symmetric secrets and/or {@code whpk_<base64>} Ed25519
   *     public keys
   * @throws IllegalArgumentException for a secret in neither form
   */
  public StandardWebhooksVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    this.tolerance = tolerance;
    this.clock = clock;
    for (String secret : secrets) {
      if (secret.startsWith(SECRET_PREFIX)) {
        byte[] key = Hmac.base64(secret.substring(SECRET_PREFIX.length()));
        if (key == null || key.length == 0) {
          throw new IllegalArgumentException("a whsec_ secret is not valid base64");
        }
        hmacKeys.add(new Hmac("HmacSHA256", key));
      } else if (secret.startsWith(PUBLIC_KEY_PREFIX)) {
        publicKeys.add(ed25519(secret.substring(PUBLIC_KEY_PREFIX.length())));
      } else {
        throw new IllegalArgumentException(
            "Standard Webhooks secrets start with whsec_ (HMAC) or whpk_ (Ed25519 public key)");
      }
    }
  }

  @Override
  public void verify(RawWebhook request) {
    String id = header(request, "id");
    String timestamp = header(request, "timestamp");
    String signatures = header(request, "signature");
    long seconds = Timestamps.parseSeconds(timestamp);
    byte[] prefix = Hmac.utf8(id + "." + timestamp + ".");
    byte[] signedContent = null;
    for (String entry : signatures.trim().split(" +")) {
      int comma = entry.indexOf(',');
      if (comma <= 0) {
        continue;
      }
      String version = entry.substring(0, comma);
      byte[] given = Hmac.base64(entry.substring(comma + 1));
      if (given == null) {
        continue;
      }
      if (version.equals("v1")) {
        for (Hmac key : hmacKeys) {
          if (Hmac.matches(key.sign(prefix, request.body()), given)) {
            Timestamps.requireFresh(seconds, clock, tolerance);
            return;
          }
        }
      } else if (version.equals("v1a") && !publicKeys.isEmpty()) {
        if (signedContent == null) {
          signedContent = concat(prefix, request.body());
        }
        for (PublicKey key : publicKeys) {
          if (ed25519Verifies(key, signedContent, given)) {
            Timestamps.requireFresh(seconds, clock, tolerance);
            return;
          }
        }
      }
    }
    throw VerificationException.invalidSignature();
  }

  private static String header(RawWebhook request, String suffix) {
    String value = request.header("webhook-" + suffix);
    if (value == null) {
      value = request.header("svix-" + suffix);
    }
    if (value == null) {
      throw VerificationException.missingHeader("webhook-" + suffix);
    }
    return value;
  }

  private static PublicKey ed25519(String base64) {
    byte[] raw = Hmac.base64(base64);
    if (raw == null || raw.length != 32) {
      throw new IllegalArgumentException("a whpk_ key must be 32 bytes of base64");
    }
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(concat(ED25519_X509_PREFIX, raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("a whpk_ key is not an Ed25519 public key", e);
    }
  }

  private static boolean ed25519Verifies(PublicKey key, byte[] content, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(content);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
