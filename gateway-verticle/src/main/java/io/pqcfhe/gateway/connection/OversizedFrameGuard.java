package io.pqcfhe.gateway.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Makes a frame over the size limit end in a close frame 1009 that the client actually receives (§7).
 *
 * <p>The WebSocket decoder refuses such a frame from its header, before buffering its payload, by raising
 * a protocol violation; Vert.x would then close the TCP connection at once. The client is still sending
 * the rest of its frame at that moment, so the close meets unread data, the kernel answers with a reset,
 * and the client's stack drops the close frame: it sees 1006. This handler, placed between the decoder
 * and Vert.x, sends the 1009 close frame itself, lets the decoder discard the rest of the input (it does
 * so once it has refused a frame), and closes the connection after a short grace period.
 */
final class OversizedFrameGuard extends ChannelInboundHandlerAdapter {
  static final Duration GRACE = Duration.ofSeconds(2);
  private static final String NAME = "pqcfhe-oversized-frame-guard";

  private boolean closing;

  /** Installs the guard on an upgraded socket; a socket of another implementation keeps Vert.x's behaviour. */
  static void install(ServerWebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      ChannelHandlerContext vertxHandler = internal.channelHandlerContext();
      if (vertxHandler.pipeline().get(NAME) == null) {
        vertxHandler.pipeline().addBefore(vertxHandler.name(), NAME, new OversizedFrameGuard());
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof CorruptedWebSocketFrameException violation)
        || violation.closeStatus().code() != WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    if (!closing) {
      closing = true;
      // From the channel's tail, so that the frame passes the WebSocket encoder.
      ctx.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG));
      ctx.executor().schedule(() -> ctx.close(), GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
