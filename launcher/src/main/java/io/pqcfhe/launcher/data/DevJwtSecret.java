package io.pqcfhe.launcher.data;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The dev-mode HS256 secret: 256 bits from SecureRandom, kept in the data folder as base64url text (the text
 * is the HMAC key, as for a configured secret) and reused across restarts, so that issued tokens stay valid.
 */
public final class DevJwtSecret {
  public static final String FILE_NAME = "jwt-hs256-dev.secret";
  private static final int SECRET_BYTES = 32;

  private DevJwtSecret() {}

  public static String loadOrCreate(DataFolder folder, SecureRandom random) {
    return folder.locked(() -> {
      if (folder.contains(FILE_NAME)) {
        String secret = new String(folder.read(FILE_NAME), StandardCharsets.US_ASCII).strip();
        if (secret.length() >= SECRET_BYTES) {
          return secret;
        }
      }
      byte[] bits = new byte[SECRET_BYTES];
      random.nextBytes(bits);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
      Arrays.fill(bits, (byte) 0);
      folder.writeAtomically(FILE_NAME, secret.getBytes(StandardCharsets.US_ASCII));
      return secret;
    });
  }
}
