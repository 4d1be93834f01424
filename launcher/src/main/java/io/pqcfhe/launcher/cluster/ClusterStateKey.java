package io.pqcfhe.launcher.cluster;

import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.Setting;
import io.pqcfhe.launcher.config.SettingFiles;
import io.pqcfhe.launcher.data.DataFolder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
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
