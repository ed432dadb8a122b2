package uk.ectmentor.adapters.slack;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /slack/events}: the one URL for Events API, slash command and interactivity requests. It reads
 * the raw body (as Slack signed it: form-encoded bodies must not be re-encoded from parsed parameters),
 * checks the signature on those bytes, decodes them as UTF-8 whatever the machine's locale, hands Bolt a
 * {@link Request} and writes Bolt's {@link Response} back, as Bolt's servlet adapter does.
 */
final class SlackEndpoint {
    static final String PATH = "/slack/events";
    static final int MAX_BODY = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);

    private final App app;
    private final SlackRequestParser parser;
    private final SlackRequestVerifier verifier;

    SlackEndpoint(App app, SlackRequestVerifier verifier) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.verifier = verifier;
    }

    ServerResponse handle(ServerRequest request) throws Exception {
        HttpServletRequest servlet = request.servletRequest();
        int declared = servlet.getContentLength();
        byte[] body = null;
        if (declared <= MAX_BODY) {
            try (InputStream in = servlet.getInputStream()) {
                // a declared length is read into an array of that size (the server stops the stream there);
                // without one, up to the limit in 8 KB steps
                body = in.readNBytes(declared >= 0 ? declared : MAX_BODY + 1);
            }
        }
        if (body == null || body.length > MAX_BODY) {
            return ServerResponse.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.TEXT_PLAIN).body("too large");
        }
        String problem = verifier.problem(servlet.getHeader("X-Slack-Request-Timestamp"), servlet.getHeader("X-Slack-Signature"), body);
        if (problem != null) {
            log.info("refused a Slack request: {}", problem);
            return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON).body("{\"error\":\"invalid request\"}");
        }
        Request<?> slackRequest;
        Response response;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(servlet.getRequestURI())
                    .queryString(query(servlet))
                    .headers(new RequestHeaders(headers(servlet)))
                    .requestBody(new String(body, StandardCharsets.UTF_8))
                    .remoteAddress(servlet.getRemoteAddr())
                    .build());
            if (slackRequest == null) {
                return ServerResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN).body("not a Slack request");
            }
            response = app.run(slackRequest);
        } catch (JsonParseException | NullPointerException | IllegalStateException | ClassCastException e) {
            // signed, but not the shape Slack sends (say, an object where an id belongs): Bolt's parsing fails
            log.warn("refused an unreadable Slack payload: {}", e.toString());
            return ServerResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN).body("not a Slack request");
        }
        ServerResponse.BodyBuilder out = ServerResponse.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        }
        if (response.getContentType() != null) {
            out.contentType(MediaType.parseMediaType(response.getContentType()));
        }
        return response.getBody() == null ? out.build() : out.body(response.getBody());
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            out.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
        }
        return out;
    }

    private static Map<String, List<String>> query(HttpServletRequest req) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String qs = req.getQueryString();
        if (qs == null || qs.isEmpty()) {
            return out;
        }
        for (String pair : qs.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}
