package io.pqcfhe.launcher.data;

import io.pqcfhe.crypto.bc.MlDsa65;
import io.pqcfhe.pqc.identity.ServerIdentity;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The server's ML-DSA-65 identity in the data folder. The seed file is created here, whole or not at all and
 * under the folder lock, before {@link ServerIdentity#loadOrCreate} reads it: a crash during the first start
 * must not leave a truncated seed that would stop every later start.
 */
public final class ServerIdentities {
  private ServerIdentities() {}

  public static ServerIdentity loadOrCreate(DataFolder folder, SecureRandom random) {
    folder.whileLocked(() -> {
      if (!folder.contains(ServerIdentity.FILE_NAME)) {
        byte[] seed = MlDsa65.newSeed(random);
        try {
          folder.writeAtomically(ServerIdentity.FILE_NAME, seed);
        } finally {
          Arrays.fill(seed, (byte) 0);
        }
      }
    });
    return ServerIdentity.loadOrCreate(folder.path(), random);
  }
}
