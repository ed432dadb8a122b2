package uk.ectmentor.adapters.teams;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The Bot Framework messaging endpoint: {@code POST /api/messages}. With no app id configured it takes
 * unauthenticated requests for local testing, and then only from loopback addresses (and never through a
 * proxy: a forwarded request came from elsewhere). A message activity is answered as soon as it is
 * authenticated and kept ({@link TeamsInbox}); invokes and the other activities are handled before the answer
 * (an invoke's answer carries the updated card).
 */
@RestController
class TeamsController {
    private static final Logger log = LoggerFactory.getLogger(TeamsController.class);
    /** Far above any real activity (Teams caps a message at about 28 KB); a bigger body is refused. */
    static final int MAX_BODY = 1024 * 1024;
    private final BotFrameworkPort port;
    private final TeamsInbox inbox;

    TeamsController(BotFrameworkPort port, TeamsInbox inbox) {
        this.port = port;
        this.inbox = inbox;
    }

    @PostMapping(path = "/api/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> messages(@RequestBody(required = false) String body,
                                    @RequestHeader(value = "Authorization", required = false) String authorization,
                                    HttpServletRequest request) {
        if (!port.authenticationEnabled() && (!isLoopback(request.getRemoteAddr()) || proxied(request))) {
            log.warn("refused a teams request from a non-loopback address while MICROSOFT_APP_ID is not set");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"error\":\"This bot takes unauthenticated requests from this machine only; set MICROSOFT_APP_ID.\"}");
        }
        if (body != null && body.length() > MAX_BODY) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"error\":\"The activity is too large.\"}");
        }
        if (body == null || body.isBlank()) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body("{\"error\":\"No activity in the request.\"}");
        }
        BotFrameworkPort.Reply reply = port.process(body, authorization);
        if (reply.message() != null) {
            // kept in the store and queued: handled after Teams has its answer, a redelivery only once
            inbox.take(reply.message());
        }
        ResponseEntity.BodyBuilder out = ResponseEntity.status(reply.status());
        if (reply.body() == null || reply.body().isEmpty()) {
            return out.build();
        }
        return out.contentType(MediaType.APPLICATION_JSON).body(reply.body());
    }

    /** A request relayed by a proxy on this machine came from elsewhere: not local, whatever its socket says. */
    static boolean proxied(HttpServletRequest request) {
        return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Real-IP") != null;
    }

    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
