package io.pqcfhe.client;

import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Maps {@link ClientOptions} onto Vert.x WebSocket client and connect options: TLS 1.3 only, headers. */
final class WebSocketTransport {
  private static final int DEFAULT_PORT = 8443;

  private WebSocketTransport() {}

  static WebSocketClientOptions clientOptions(ClientOptions options) {
    WebSocketClientOptions ws =
        new WebSocketClientOptions()
            .setSsl(true)
            .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
            .setMaxFrameSize(options.maxMessageBytes())
            .setMaxMessageSize(options.maxMessageBytes());
    TlsTrust trust = options.tlsTrust();
    if (trust instanceof TlsTrust.InsecureTrustAll) {
      ws.setTrustAll(true).setVerifyHost(false);
    } else if (trust instanceof TlsTrust.PemCertificates pem) {
      ws.setVerifyHost(true).setTrustOptions(new PemTrustOptions().addCertPath(pem.file().toString()));
    } else if (trust instanceof TlsTrust.TrustStore store) {
      String name = store.file().getFileName().toString().toLowerCase(Locale.ROOT);
      ws.setVerifyHost(true)
          .setTrustOptions(
              name.endsWith(".p12") || name.endsWith(".pfx")
                  ? new PfxOptions().setPath(store.file().toString()).setPassword(store.password())
                  : new JksOptions().setPath(store.file().toString()).setPassword(store.password()));
    } else {
      ws.setVerifyHost(true); // the JVM's default trust store
    }
    return ws;
  }

  static WebSocketConnectOptions connectOptions(ClientOptions options) {
    URI endpoint = options.endpoint();
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? ClientOptions.DEFAULT_PATH : endpoint.getRawPath();
    String uri = endpoint.getRawQuery() == null ? path : path + "?" + endpoint.getRawQuery();
    return new WebSocketConnectOptions()
        .setSsl(true)
        .setHost(endpoint.getHost())
        .setPort(endpoint.getPort() > 0 ? endpoint.getPort() : DEFAULT_PORT)
        .setURI(uri)
        .setTimeout(options.connectTimeout().toMillis())
        .putHeader("Authorization", "Bearer " + options.token())
        .putHeader("X-Client-ID", options.clientId())
        .putHeader("X-Protocol-Version", options.protocolVersion().wireName());
  }
}
