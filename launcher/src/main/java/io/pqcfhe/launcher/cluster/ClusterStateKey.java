package io.pqcfhe.launcher.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingFiles;
import io.pqcfhe.launcher.data.DataFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * The cluster state key: 32 bytes under which FHE worker nodes seal the server-held secret keys they keep in the
 * cluster's maps (AES-256-GCM). Every worker node of a cluster needs the same one; gateways do not use it.
 *
 * <p>File format: the base64 (RFC 4648, padding optional) of 32 bytes from a CSPRNG, surrounding whitespace
 * ignored, e.g. {@code openssl rand -base64 32}. The file must be owner-only. Without {@code
 * cluster.state_key_file} (dev mode), the key is {@value #DEV_FILE} in the data folder, created at the first
 * start: nodes sharing {@code --data-dir} share it.
 *
 * <p>The key never appears in a log, a message or {@link #toString()}; {@link #destroy()} zeroizes it.
 */
public final class ClusterStateKey implements Destroyable {
  /** The dev key's file in the data folder. */
  public static final String DEV_FILE = "cluster-state-dev.key";
  public static final int LENGTH = 32;
  /** The Hazelcast map holding the cluster's key check value (one backup, no expiry: enforced). */
  public static final String CHECK_MAP = "pqcfhe.fhe.statekey";
  private static final String CHECK_ENTRY = "check";
  private static final byte[] CHECK_LABEL = "pqcfhe cluster state key check v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private final boolean dev;
  private volatile boolean destroyed;

  private ClusterStateKey(byte[] key, boolean dev) {
    this.key = key;
    this.dev = dev;
  }

  /** The operator's key file when set, else the data folder's dev key (created when absent). */
  public static ClusterStateKey resolve(ClusterSettings settings, DataFolder folder, SecureRandom random) {
    return settings.stateKeyFile()
        .map(ClusterStateKey::read)
        .orElseGet(() -> loadOrCreateDev(folder, random));
  }

  static ClusterStateKey read(Path file) {
    byte[] text = SettingFiles.readOwnerOnly(Setting.CLUSTER_STATE_KEY_FILE, file);
    try {
      return new ClusterStateKey(decode(text).orElseThrow(() -> new InvalidSettingException(
          Setting.CLUSTER_STATE_KEY_FILE, file + " is not the base64 of " + LENGTH + " bytes")), false);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  static ClusterStateKey loadOrCreateDev(DataFolder folder, SecureRandom random) {
    return folder.locked(() -> {
      if (folder.contains(DEV_FILE)) {
        byte[] text = folder.read(DEV_FILE);
        try {
          // Replacing it would make every sealed key in the cluster unreadable: the operator decides.
          return new ClusterStateKey(decode(text).orElseThrow(() -> new InvalidSettingException(Setting.DATA_DIR,
              folder.resolve(DEV_FILE) + " is not the base64 of " + LENGTH + " bytes; delete it to create a new "
                  + "key (the FHE state sealed under the old one is then lost)")), true);
        } finally {
          Arrays.fill(text, (byte) 0);
        }
      }
      byte[] key = new byte[LENGTH];
      random.nextBytes(key);
      byte[] text = Base64.getEncoder().encode(key);
      try {
        folder.writeAtomically(DEV_FILE, text);
      } finally {
        Arrays.fill(text, (byte) 0);
      }
      return new ClusterStateKey(key, true);
    });
  }

  /** The key decoded from base64 text, empty unless it is exactly {@value #LENGTH} bytes. */
  private static Optional<byte[]> decode(byte[] text) {
    byte[] compact = new byte[text.length];
    int length = 0;
    for (byte b : text) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        compact[length++] = b;
      }
    }
    byte[] trimmed = Arrays.copyOf(compact, length);
    Arrays.fill(compact, (byte) 0);
    try {
      byte[] key = Base64.getDecoder().decode(trimmed);
      if (key.length == LENGTH) {
        return Optional.of(key);
      }
      Arrays.fill(key, (byte) 0);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    } finally {
      Arrays.fill(trimmed, (byte) 0);
    }
  }

  /**
   * Refuses a key that is not the one the cluster's worker nodes use: the first worker of a cluster publishes a
   * check value of its key (HMAC-SHA256 under the key of a fixed label: it reveals nothing of the key), and
   * every later one must match it. Without this, a worker with another key (in dev mode, one with its own data
   * folder) would join and fail on every server-held secret key the others sealed. Blocks (a map call).
   */
  public void verifyAgainst(HazelcastInstance hazelcast) {
    byte[] check = checkValue();
    IMap<String, byte[]> map = hazelcast.getMap(CHECK_MAP);
    byte[] published = map.putIfAbsent(CHECK_ENTRY, check);
    if (published != null && !MessageDigest.isEqual(published, check)) {
      String differs = "is not the key of this cluster's other worker nodes (all must use the same one)";
      throw dev
          ? new InvalidSettingException(Setting.DATA_DIR, DEV_FILE + " " + differs + "; give this node their "
              + "data folder's key or a common cluster.state_key_file")
          : new InvalidSettingException(Setting.CLUSTER_STATE_KEY_FILE, "the key " + differs);
    }
  }

  private byte[] checkValue() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = bytes();
      try {
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
      return mac.doFinal(CHECK_LABEL);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** A copy of the key, which the caller zeroizes. */
  public byte[] bytes() {
    if (destroyed) {
      throw new IllegalStateException("the cluster state key was destroyed");
    }
    return key.clone();
  }

  /** Whether this is the data folder's dev key. */
  public boolean dev() {
    return dev;
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "ClusterStateKey[dev=" + dev + "]";
  }
}
