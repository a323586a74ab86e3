package dev.tickflow.web.backend;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.tickflow.web.WebConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls to the other services, non-blocking. Account calls carry the caller's own token, so the order gateway and risk
 * apply exactly the authorization they apply to anyone else: the web service never acts with more rights than its user.
 */
@ApplicationScoped
public class Backend {

    /** A service's answer: its status and body as it sent them. */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final WebClient client;
    private final WebConfig config;

    Backend(Vertx vertx, WebConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2_000).setKeepAlive(true));
        this.config = config;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Answer> gateway(HttpMethod method, String path, String token, String body) {
        return call(method, config.gatewayUrl(), path, token, body);
    }

    public Uni<Answer> risk(String path, String token) {
        return call(HttpMethod.GET, config.riskUrl(), path, token, null);
    }

    public Uni<Answer> stats(String path) {
        return call(HttpMethod.GET, config.statsUrl(), path, null, null);
    }

    public Uni<Answer> matching(String path) {
        return call(HttpMethod.GET, config.matchingUrl(), path, null, null);
    }

    public Uni<Answer> history(String path) {
        return call(HttpMethod.GET, config.historyUrl(), path, null, null);
    }

    /** Any URL, for the metrics endpoints of the latency panel. */
    public Uni<Answer> get(URI url) {
        return call(HttpMethod.GET, url, "", null, null);
    }

    private Uni<Answer> call(HttpMethod method, URI base, String path, String token, String body) {
        HttpRequest<Buffer> request = client.requestAbs(method, base.toString().replaceAll("/$", "") + path)
                .timeout(config.backendTimeout().toMillis())
                .putHeader("Accept", "application/json, text/plain");
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        Uni<HttpResponse<Buffer>> response = body == null ? request.send()
                : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
        return response.map(reply -> new Answer(reply.statusCode(), reply.bodyAsString() == null ? "" : reply.bodyAsString()));
    }

    /** Percent-encodes one path segment or query value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
