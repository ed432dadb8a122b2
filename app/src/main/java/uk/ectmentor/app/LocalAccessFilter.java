package uk.ectmentor.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import uk.ectmentor.core.nudges.CalendarFeeds;

/**
 * The local web chat (its page, {@code /api/chat/*}) and the pairing calendar feeds name no signed-in
 * user: whoever sends {@code "user": "sam"} is Sam. So by default ({@code BOT_WEB_ACCESS=loopback}) they
 * answer only requests made on this machine: from a loopback address and not relayed by a proxy
 * (a {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP} header means someone elsewhere).
 * That holds even when the bot listens on every address for Slack or Teams. {@code open} serves them to
 * anyone who can reach the bot (only behind your own sign-in, or for a demo); {@code off} turns them off.
 * A calendar feed with its pairing's key ({@code ?key=}, see {@link CalendarFeeds}) is served to anyone: that
 * is how Outlook subscribes. Slack, Teams and the health check are not affected.
 */
final class LocalAccessFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(LocalAccessFilter.class);

    enum Access { LOOPBACK, OPEN, OFF }

    private static final Pattern FEED = Pattern.compile("/api/pairings/(" + CalendarFeeds.PAIRING_ID + ")/calendar\\.ics");

    private final Access access;
    private final CalendarFeeds feeds;

    LocalAccessFilter(Access access, CalendarFeeds feeds) {
        this.access = access;
        this.feeds = feeds;
    }

    /** {@code loopback} (also blank), {@code open} or {@code off}; anything else stops the start with a clear message. */
    static Access parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "", "loopback", "local" -> {
                return Access.LOOPBACK;
            }
            case "open" -> {
                return Access.OPEN;
            }
            case "off", "none" -> {
                return Access.OFF;
            }
            default -> throw new IllegalArgumentException("BOT_WEB_ACCESS must be loopback, open or off, not '" + value + "'");
        }
    }

    /** The URLs with no signed-in user: the chat page, its API and the calendar feeds. */
    static boolean guarded(String path) {
        return path.equals("/") || path.equals("/index.html") || path.startsWith("/api/chat/")
                || path.startsWith("/api/pairings/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return access == Access.OPEN || !guarded(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (access == Access.OFF) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "The web chat is turned off on this server (BOT_WEB_ACCESS=off).");
            return;
        }
        if (!local(request) && !keyedFeed(request)) {
            log.info("refused {} from a non-local address: the web chat answers on this machine only", request.getRequestURI());
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "The web chat and calendar feeds answer only on the machine the bot "
                    + "runs on. Use the bot in Slack or Teams, or ask your IT admin (BOT_WEB_ACCESS).");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean keyedFeed(HttpServletRequest request) {
        Matcher m = FEED.matcher(request.getRequestURI());
        return "GET".equals(request.getMethod()) && m.matches() && feeds.opens(m.group(1), request.getParameter("key"));
    }

    static boolean local(HttpServletRequest request) {
        boolean proxied = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Real-IP") != null;
        return !proxied && isLoopback(request.getRemoteAddr());
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            // an address literal is parsed, never looked up
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
