package io.pqcfhe.pqc.channel;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.pqc.PayloadReader;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code secure.send} payload whose fields passed the first check of §5 (present, of the right type,
 * valid base64, IV of 12 bytes, tag of 16).
 */
record SecureSend(
    String channelId,
    byte[] ciphertext,
    byte[] iv,
    byte[] tag,
    long sequenceNumber,
    Optional<String> to,
    Optional<Instant> timestamp) {

  /** The client id rule of §1. */
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  static SecureSend read(JsonObject payload) {
    PayloadReader reader = new PayloadReader(payload);
    String channelId = reader.string("channel_id");
    String data = reader.string("encrypted_data");
    byte[] ciphertext = PayloadReader.decodeField("encrypted_data", data);
    byte[] iv = reader.bytes("iv", 64);
    if (iv.length != AesGcm.IV_BYTES) {
      throw PayloadReader.invalid("iv", "must be " + AesGcm.IV_BYTES + " bytes");
    }
    byte[] tag = reader.bytes("tag", 64);
    if (tag.length != AesGcm.TAG_BYTES) {
      throw PayloadReader.invalid("tag", "must be " + AesGcm.TAG_BYTES + " bytes");
    }
    long sequence = reader.safeInteger("sequence_number", 1);
    Optional<String> to = reader.optionalString("to");
    if (to.isPresent() && !CLIENT_ID.matcher(to.get()).matches()) {
      throw PayloadReader.invalid("to", "must be a client id (1-128 characters of A-Z a-z 0-9 . _ : -)");
    }
    Optional<Instant> timestamp = reader.optionalInstant("timestamp");
    return new SecureSend(channelId, ciphertext, iv, tag, sequence, to, timestamp);
  }
}
