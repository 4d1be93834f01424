package io.pqcfhe.launcher.tls;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7468 PEM text of DER bytes. */
public final class Pem {
  private Pem() {}

  public static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
