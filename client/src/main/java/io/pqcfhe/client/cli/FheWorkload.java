package io.pqcfhe.client.cli;

import io.pqcfhe.client.PqcFheClient;
import io.pqcfhe.client.fhe.ClientKeys;
import io.pqcfhe.client.fhe.ComputeResult;
import io.pqcfhe.client.fhe.FheCiphertext;
import io.pqcfhe.client.fhe.FheParameters;
import io.pqcfhe.client.fhe.FheSession;
import io.pqcfhe.client.fhe.FheTransport;
import io.pqcfhe.client.fhe.KeyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code fhe.compute} per operation. Each connection sets up a context and encrypts two operands
 * once (not measured), then repeats the operation on them. With client-held keys the keys are made once
 * for the whole run and uploaded by every connection's setup.
 */
final class FheWorkload implements BenchRun.Workload {
  /** Random-looking but fixed operands: the values do not change the cost. */
  private static final double[] A = {1.5, 2.0, 3.5, 4.0};
  private static final double[] B = {0.5, 1.0, 1.5, 2.0};

  /** Results are released in batches of this many, far below the server's per-session ciphertext quota. */
  private static final int RELEASE_BATCH = 128;

  /** A connection's context; used by that connection's thread only. */
  private record Prepared(FheSession session, String a, String b, List<String> results) {}

  private final FheParameters parameters;
  private final FheOperation operation;
  private final boolean includeCiphertext;
  private final Optional<ClientKeys> clientKeys;
  private final Map<PqcFheClient, Prepared> prepared = new ConcurrentHashMap<>();

  FheWorkload(FheParameters parameters, FheOperation operation, boolean includeCiphertext, Optional<ClientKeys> clientKeys) {
    this.parameters = parameters;
    this.operation = operation;
    this.includeCiphertext = includeCiphertext;
    this.clientKeys = clientKeys;
  }

  KeyMode keyMode() {
    return clientKeys.isPresent() ? KeyMode.CLIENT : KeyMode.SERVER;
  }

  @Override
  public void prepare(PqcFheClient client) throws Exception {
    FheTransport transport = FheTransport.direct(client);
    FheSession session =
        (clientKeys.isPresent()
                ? FheSession.setupClientKeys(transport, parameters, clientKeys.get())
                // One rotation key is all the operations need; the default set would only slow the setup.
                : FheSession.setupServerKeys(transport, parameters, 1))
            .await(120, TimeUnit.SECONDS);
    FheCiphertext a = session.encrypt(A).await(60, TimeUnit.SECONDS);
    FheCiphertext b = session.encrypt(B).await(60, TimeUnit.SECONDS);
    prepared.put(client, new Prepared(session, a.ciphertextId(), b.ciphertextId(), new ArrayList<>()));
  }

  @Override
  public void once(PqcFheClient client) throws Exception {
    Prepared p = prepared.get(client);
    ComputeResult result =
        p.session().compute(operation.wireName(), operation.operands(p.a(), p.b()), operation.parameters(p.a(), p.b()), includeCiphertext)
            .await(60, TimeUnit.SECONDS);
    p.results().add(result.result().ciphertextId());
  }

  /** Results are not kept: they are freed between operations so the session's quota never fills. */
  @Override
  public void between(PqcFheClient client) throws Exception {
    Prepared p = prepared.get(client);
    if (p.results().size() >= RELEASE_BATCH) {
      p.session().release(List.copyOf(p.results())).await(60, TimeUnit.SECONDS);
      p.results().clear();
    }
  }

  /** fhe.compute is limited per client id and minute; a small margin stays free. */
  @Override
  public int budgetPerClientId(PqcFheClient client) {
    long compute = client.session().limits().ratePerMinute().getOrDefault("fhe.compute", 50L);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, compute - compute / 20));
  }

  @Override
  public void release(PqcFheClient client) {
    prepared.remove(client);
  }
}
