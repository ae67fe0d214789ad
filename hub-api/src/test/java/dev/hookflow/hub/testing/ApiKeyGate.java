package dev.hookflow.hub.testing;

import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TLS gRPC front for a Temporal service that, like Temporal Cloud, accepts a call only with
 * {@code authorization: Bearer <key>} and answers {@code UNAUTHENTICATED} otherwise. Accepted calls
 * are forwarded as they are to the service behind it (every Temporal call is unary). It records
 * what each call carried, so a test can see the key reached the server on every call.
 */
public final class ApiKeyGate implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** One call as the gate saw it. */
  public record Call(String method, String authorization, boolean accepted) {}

  private final String expected;
  private final ManagedChannel upstream;
  private final io.grpc.Server server;
  private final List<Call> calls = new ArrayList<>();
  private volatile boolean operatorDenied;
  private volatile boolean startsUnmapped;

  public ApiKeyGate(TestCertificates.Identity identity, String apiKey, int upstreamPort) {
    this.expected = "Bearer " + apiKey;
    this.upstream =
        NettyChannelBuilder.forAddress(
                InetAddress.getLoopbackAddress().getHostAddress(), upstreamPort)
            .usePlaintext()
            .build();
    try {
      this.server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .sslContext(
                  GrpcSslContexts.configure(
                          SslContextBuilder.forServer(
                              identity.certificatePem().toFile(),
                              identity.privateKeyPem().toFile()))
                      .build())
              .fallbackHandlerRegistry(new Forwarding())
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Refuses operator calls (search attribute registration) with {@code PERMISSION_DENIED}, as
   * Temporal Cloud does for an API key: there an operator registers them in the cloud console.
   */
  public ApiKeyGate denyOperatorCalls() {
    operatorDenied = true;
    return this;
  }

  /**
   * Refuses workflow starts as a SQL-visibility Temporal does for a few seconds after search
   * attributes were added: its namespace cache has no mapping for them yet.
   */
  public ApiKeyGate refuseStartsAsUnmapped(boolean refuse) {
    startsUnmapped = refuse;
    return this;
  }

  public int port() {
    return server.getPort();
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  private synchronized void record(Call call) {
    calls.add(call);
  }

  private final class Forwarding extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method =
          MethodDescriptor.newBuilder(Bytes.INSTANCE, Bytes.INSTANCE)
              .setFullMethodName(methodName)
              .setType(MethodDescriptor.MethodType.UNARY)
              .build();
      ServerCallHandler<byte[], byte[]> forward =
          ServerCalls.asyncUnaryCall(
              (request, response) ->
                  ClientCalls.asyncUnaryCall(
                      upstream.newCall(
                          method,
                          CallOptions.DEFAULT.withDeadline(Context.current().getDeadline())),
                      request,
                      response));
      return ServerMethodDefinition.create(method, new Gate(methodName, forward));
    }
  }

  private final class Gate implements ServerCallHandler<byte[], byte[]> {
    private final String methodName;
    private final ServerCallHandler<byte[], byte[]> next;

    Gate(String methodName, ServerCallHandler<byte[], byte[]> next) {
      this.methodName = methodName;
      this.next = next;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(
        ServerCall<byte[], byte[]> call, Metadata headers) {
      String authorization = headers.get(AUTHORIZATION);
      boolean accepted = expected.equals(authorization);
      record(new Call(methodName, authorization, accepted));
      if (!accepted) {
        call.close(
            Status.UNAUTHENTICATED.withDescription("API key missing or not valid"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      if (operatorDenied && methodName.startsWith("temporal.api.operatorservice.")) {
        call.close(
            Status.PERMISSION_DENIED.withDescription("Request unauthorized."), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      if (startsUnmapped && methodName.endsWith("/StartWorkflowExecution")) {
        call.close(
            Status.INVALID_ARGUMENT.withDescription(
                "Namespace default has no mapping defined for search attribute WebhookSource"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }

  private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    upstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
