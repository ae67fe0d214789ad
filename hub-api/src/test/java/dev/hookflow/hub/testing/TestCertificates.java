package dev.hookflow.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made by the JDK's own {@code keytool} (no extra tool on the machine),
 * with PEM files in the forms the hub reads: certificate, and PKCS#8 private key.
 */
public final class TestCertificates {
  private static final char[] PASSWORD = "test-only".toCharArray();

  private TestCertificates() {}

  /**
   * @param store the PKCS#12 key store holding the key pair
   * @param certificatePem the certificate as PEM (also usable as the CA file that trusts it)
   * @param privateKeyPem the private key as PKCS#8 PEM
   */
  public record Identity(
      String name, Path store, Path certificatePem, Path privateKeyPem, X509Certificate cert) {}

  /** A self-signed RSA identity {@code CN=name}, valid for two days, with these SAN entries. */
  public static Identity create(Path dir, String name, String subjectAltNames) throws Exception {
    Path store = dir.resolve(name + ".p12");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + name,
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD)));
    if (subjectAltNames != null) {
      command.addAll(List.of("-ext", "SAN=" + subjectAltNames));
    }
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = load(store);
    X509Certificate cert = (X509Certificate) keys.getCertificate(name);
    PrivateKey key = (PrivateKey) keys.getKey(name, PASSWORD);
    Path certificatePem = dir.resolve(name + ".crt");
    Path privateKeyPem = dir.resolve(name + ".key");
    Files.writeString(certificatePem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new Identity(name, store, certificatePem, privateKeyPem, cert);
  }

  /**
   * A server context presenting {@code server} and trusting client certificates of {@code client}.
   */
  public static SSLContext serverContext(Identity server, Identity client) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(server.store()), PASSWORD);
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry(client.name(), client.cert());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    return keys;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
