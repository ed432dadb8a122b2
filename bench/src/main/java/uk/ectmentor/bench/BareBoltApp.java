package uk.ectmentor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.MessageEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The baseline: a Bolt app that only acknowledges the {@code /mentor} command and direct messages, served by
 * the JDK's HTTP server on loopback with the same signature check Bolt always does. Usage:
 * {@code BareBoltApp <signing secret> <Slack Web API base url>}; prints {@code listening <port>}.
 */
public final class BareBoltApp {
    private BareBoltApp() {
    }

    public static void main(String[] args) throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(args[1]);
        App app = new App(AppConfig.builder()
                .signingSecret(args[0])
                .singleTeamBotToken("xoxb-bench")
                .slack(com.slack.api.Slack.getInstance(slackConfig))
                .build());
        app.command("/mentor", (req, ctx) -> ctx.ack());
        app.event(MessageEvent.class, (payload, ctx) -> ctx.ack());
        SlackRequestParser parser = new SlackRequestParser(app.config());

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        // Tomcat's default: up to 200 request threads
        server.setExecutor(Executors.newFixedThreadPool(200));
        server.createContext("/health", ex -> write(ex, 200, "text/plain", "UP"));
        server.createContext("/slack/events", ex -> {
            try {
                byte[] body;
                try (InputStream in = ex.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), new ArrayList<>(v)));
                Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                        .requestUri(ex.getRequestURI().getPath())
                        .headers(new RequestHeaders(headers))
                        .requestBody(new String(body, StandardCharsets.UTF_8))
                        .remoteAddress(ex.getRemoteAddress().getAddress().getHostAddress())
                        .build());
                if (request == null) {
                    write(ex, 400, "text/plain", "not a Slack request");
                    return;
                }
                Response response = app.run(request);
                String type = response.getContentType() == null ? "text/plain" : response.getContentType();
                write(ex, response.getStatusCode(), type, response.getBody() == null ? "" : response.getBody());
            } catch (Exception e) {
                write(ex, 500, "text/plain", "error");
            }
        });
        server.start();
        System.out.println("listening " + server.getAddress().getPort());
        System.out.flush();
    }

    private static void write(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
