package uk.ectmentor.adapters.web;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.WebInbox;
import uk.ectmentor.core.engine.ConversationEngine;

/**
 * The local web chat's JSON API. {@code POST /api/chat/messages} with {@code {"user", "text"}} or
 * {@code {"user", "action", "value"}} (and optionally {@code "form"} and a client message {@code "id"},
 * which makes a resend safe) returns {@code {"messages": [...]}}.
 */
@RestController
class WebChatController {
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_ID = 128;

    private final ConversationEngine engine;
    private final ObjectProvider<WebInbox> inbox;

    WebChatController(ConversationEngine engine, ObjectProvider<WebInbox> inbox) {
        this.engine = engine;
        this.inbox = inbox;
    }

    /** Nudges waiting for a web user, each returned once, in the chat API's shape: {@code {"messages": [...]}}. */
    @GetMapping(path = "/api/chat/inbox", produces = "application/json")
    ResponseEntity<Map<String, Object>> inbox(@RequestParam(name = "user", required = false) String user) {
        if (user == null || !HANDLE.matcher(user).matches()) {
            return bad("Say who you are: ?user= must be a handle of letters, digits, dots, dashes or underscores.");
        }
        WebInbox box = inbox.getIfAvailable();
        return ResponseEntity.ok(WebRenderer.render(box == null ? java.util.List.of() : box.take(user)));
    }

    /** What the page posts. */
    record ChatRequest(String user, String text, String action, String value, Map<String, String> form, String id) {
    }

    @PostMapping(path = "/api/chat/messages", consumes = "application/json", produces = "application/json")
    ResponseEntity<Map<String, Object>> post(@RequestBody ChatRequest request) {
        if (request == null || request.user() == null || !HANDLE.matcher(request.user()).matches()) {
            return bad("Say who you are: \"user\" must be a handle of letters, digits, dots, dashes or underscores.");
        }
        if (request.text() == null && request.action() == null) {
            return bad("Send either \"text\" or an \"action\".");
        }
        if (request.id() != null && request.id().length() > MAX_ID) {
            return bad("\"id\" is too long (at most " + MAX_ID + " characters).");
        }
        String deliveryId = request.id() == null ? UUID.randomUUID().toString() : "web:" + request.user() + ":" + request.id();
        UserRef from = UserRef.web(request.user());
        Inbound inbound = request.action() != null
                ? Inbound.form(from, request.action(), request.value(), request.form(), deliveryId)
                : Inbound.text(from, request.text(), deliveryId);
        return ResponseEntity.ok(WebRenderer.render(engine.handle(inbound)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return bad("That request isn't valid JSON of the expected shape: {\"user\": \"sam\", \"text\": \"help\"}.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(Map.of("error", "Send JSON with Content-Type: application/json."));
    }

    private static ResponseEntity<Map<String, Object>> bad(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
