package dev.hookflow.signatures;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (also Svix), both directions: the signed content is {@code id.timestamp.body};
 * a {@code webhook-signature} header holds space-separated {@code v1,<base64>} (HMAC-SHA256 under a
 * {@code whsec_} secret) and {@code v1a,<base64>} (Ed25519 under a {@code whpk_} public key)
 * entries. One key check for signing and verifying: a {@code whsec_} secret is base64 of at least
 * 16 bytes. Messages never hold a secret.
 */
public final class StandardWebhooks {
  public static final String SECRET_PREFIX = "whsec_";
  public static final String PUBLIC_KEY_PREFIX = "whpk_";

  /** The shortest key Hookflow signs with (the spec's own secrets are 24 to 64 bytes). */
  public static final int MIN_SIGNING_KEY_BYTES = 16;

  /** DER prefix that turns a raw 32-byte Ed25519 key into an X.509 SubjectPublicKeyInfo. */
  private static final byte[] ED25519_X509_PREFIX = Hmac.hex("302a300506032b6570032100");

  private final List<Hmac> hmacKeys;
  private final List<PublicKey> publicKeys;

  private StandardWebhooks(List<Hmac> hmacKeys, List<PublicKey> publicKeys) {
    this.hmacKeys = hmacKeys;
    this.publicKeys = publicKeys;
  }

  /**
   * Keys for verifying: {@code whsec_} secrets and/or {@code whpk_} Ed25519 public keys.
   *
   * @throws IllegalArgumentException for a key in neither form, or not valid
   */
  public static StandardWebhooks verifying(List<String> secrets) {
    List<Hmac> hmacKeys = new ArrayList<>();
    List<PublicKey> publicKeys = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.startsWith(PUBLIC_KEY_PREFIX)) {
        publicKeys.add(ed25519(secret.substring(PUBLIC_KEY_PREFIX.length())));
      } else if (secret != null && secret.startsWith(SECRET_PREFIX)) {
        hmacKeys.add(hmacKey(secret, 1));
      } else {
        throw new IllegalArgumentException(
            "Standard Webhooks secrets start with whsec_ (HMAC) or whpk_ (Ed25519 public key)");
      }
    }
    return new StandardWebhooks(List.copyOf(hmacKeys), List.copyOf(publicKeys));
  }

  /**
   * A key for signing.
   *
   * @param secret {@code whsec_<base64 of at least 16 bytes>} (a key of Hookflow's own)
   * @throws IllegalArgumentException when it is not of that form
   */
  public static StandardWebhooks signing(String secret) {
    return new StandardWebhooks(List.of(hmacKey(secret, MIN_SIGNING_KEY_BYTES)), List.of());
  }

  private static Hmac hmacKey(String secret, int minBytes) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a signing secret must look like whsec_<base64>");
    }
    byte[] key = Hmac.base64(secret.substring(SECRET_PREFIX.length()));
    if (key == null) {
      throw new IllegalArgumentException("the part after whsec_ is not base64");
    }
    if (key.length < minBytes) {
      throw new IllegalArgumentException(
          "a whsec_ secret needs at least " + minBytes + " bytes of key");
    }
    return new Hmac("HmacSHA256", key);
  }

  /** The {@code webhook-signature} value for one message: {@code v1,<base64>}. */
  public String sign(String id, long timestampSeconds, byte[] body) {
    byte[] mac = hmacKeys.get(0).sign(Hmac.utf8(id + "." + timestampSeconds + "."), body);
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }

  /**
   * Whether any entry of the {@code webhook-signature} header matches any key, in constant time per
   * comparison. The timestamp's freshness is the caller's check ({@link Timestamps}).
   */
  public boolean verify(String id, String timestamp, String signatureHeader, byte[] body) {
    byte[] prefix = Hmac.utf8(id + "." + timestamp + ".");
    byte[] signedContent = null;
    for (String entry : signatureHeader.trim().split(" +")) {
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
          if (Hmac.matches(key.sign(prefix, body), given)) {
            return true;
          }
        }
      } else if (version.equals("v1a") && !publicKeys.isEmpty()) {
        if (signedContent == null) {
          signedContent = concat(prefix, body);
        }
        for (PublicKey key : publicKeys) {
          if (ed25519Verifies(key, signedContent, given)) {
            return true;
          }
        }
      }
    }
    return false;
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

  @Override
  public String toString() {
    return "StandardWebhooks[keys hidden]";
  }
}
