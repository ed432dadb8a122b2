package uk.ectmentor.adapters.slack;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.MessageEvent;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.ClaimHolder;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.delivery.PendingRecovery;
import uk.ectmentor.core.delivery.PendingRecovery.Kept;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.home.HomePage;

/**
 * Translates Slack into the core and back. Registers Bolt handlers for the slash command, direct messages,
 * the App Home tab, buttons and form modals. Every handler acknowledges at once (Slack wants an answer
 * within 3 seconds) after recording the delivery, and hands the engine's work to {@link SlackWork};
 * a delivery already recorded (a Slack retry, a duplicate event id) is acknowledged and not processed again.
 */
final class SlackAdapter {
    private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);
    static final String PLATFORM = "slack";
    static final String COMMAND = "/mentor";
    /** Event types with handlers; Bolt answers 404 to the rest, so they are acknowledged here instead. */
    static final Set<String> HANDLED_EVENTS = Set.of("message", "app_home_opened");
    /** response_url takes at most five posts. */
    static final int RESPONSE_URL_POSTS = 5;
    /**
     * How long, in all, a reply may wait for the pace (this instance's, or Slack's 429 Retry-After) before it is given
     * up and logged. A reply answers something the person just did; it is worth a wait rather than dropped.
     */
    static final Duration LONGEST_REPLY_WAIT = Duration.ofSeconds(60);
    /** A kept message still unanswered after this long was lost by a process that stopped. */
    static final Duration RECOVER_AFTER = Duration.ofMinutes(1);
    static final Duration RECOVERY_LEASE = Duration.ofMinutes(5);
    /**
     * A message queued in memory is claimed for this long from when it arrived (in the same write that keeps it),
     * so recovery leaves it to this instance; one left by a crash is retaken after it. A worker that starts on it
     * with less than {@link #HANDLING_MARGIN} left renews the claim first (more than its handling may take: a
     * reply waits at most {@link #LONGEST_REPLY_WAIT} for the pace). Long enough that a full queue (1,000 replies at
     * the workspace pace of about five a second) is worked through before any renewal.
     */
    static final Duration HANDLING_LEASE = Duration.ofMinutes(5);
    static final Duration HANDLING_MARGIN = Duration.ofSeconds(90);
    private static final int RECOVERY_BATCH = 50;
    /** The roles this adapter claims kept messages under ({@link ClaimHolder#owner}). */
    private static final String INBOX = "slack-inbox";
    private static final String RECOVERY = "slack-recovery";

    private final ConversationEngine engine;
    private final HomePage home;
    private final InboundDedupStore dedup;
    private final SlackRenderer renderer;
    private final SlackForms forms;
    private final SlackPoster poster;
    private final ResponseUrlSender responses;
    private final DmChannels dms;
    private final MethodsClient methods;
    private final SlackWork work;
    private final Pacer pacer;
    private final Clock clock;
    /** This instance, whose claims on kept messages stand while its heartbeat is renewed. */
    private final ClaimHolder holder;

    SlackAdapter(ConversationEngine engine, HomePage home, InboundDedupStore dedup, SlackRenderer renderer, SlackForms forms,
                 SlackPoster poster, ResponseUrlSender responses, DmChannels dms, MethodsClient methods, SlackWork work, Pacer pacer,
                 ClaimHolder holder, Clock clock) {
        this.engine = engine;
        this.home = home;
        this.dedup = dedup;
        this.renderer = renderer;
        this.forms = forms;
        this.poster = poster;
        this.responses = responses;
        this.dms = dms;
        this.methods = methods;
        this.work = work;
        this.pacer = pacer;
        this.holder = holder;
        this.clock = clock;
    }

    void register(App app) {
        app.use((req, resp, chain) -> {
            if (req instanceof EventRequest event && !HANDLED_EVENTS.contains(event.getEventTypeAndSubtype())) {
                return Response.ok();
            }
            return chain.next(req);
        });
        app.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            UserRef from = new UserRef(PLATFORM, p.getTeamId(), p.getUserId());
            String text = SlackText.fromSlack(p.getText() == null ? "" : p.getText()).strip();
            String delivery = "slack:command:" + p.getTriggerId();
            String said = text.isEmpty() ? "help" : text;
            Instant at = clock.instant();
            String owner = holder.owner(INBOX);
            Kept kept = keep(new InboundDedupStore.Pending(delivery, from, said, null, at), owner);
            if (kept != Kept.REPEAT) {
                ResponseUrl url = (t, blocks) -> responses.post(p.getResponseUrl(), SlashCommandResponse.builder()
                        .responseType("ephemeral").text(t).blocks(blocks).build());
                boolean queued = work.offer(from.key(), () -> {
                    if (ours(delivery, owner, at)) {
                        Optional<List<Message>> answer = turn(kept, Inbound.text(from, said, delivery));
                        respond(from, p.getResponseUrl(), url, answer.orElse(List.of(ConversationEngine.keptForLater())));
                        answer.ifPresent(a -> handled(delivery));
                    }
                });
                if (!queued) {
                    log.debug("slack work queue full: {} left pending for recovery", delivery);
                }
            }
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            if (!"im".equals(e.getChannelType()) || e.getUser() == null || e.getBotId() != null || e.getSubtype() != null) {
                return ctx.ack();
            }
            String delivery = "slack:event:" + payload.getEventId();
            UserRef from = new UserRef(PLATFORM, teamOf(payload.getTeamId(), e.getTeam()), e.getUser());
            String text = SlackText.fromSlack(e.getText());
            Instant at = clock.instant();
            String owner = holder.owner(INBOX);
            Kept kept = keep(new InboundDedupStore.Pending(delivery, from, text, e.getChannel(), at), owner);
            if (kept != Kept.REPEAT) {
                boolean queued = work.offer(from.key(), () -> {
                    dms.remember(from, e.getChannel()); // their DM channel: later nudges need no conversations.open
                    if (ours(delivery, owner, at)) {
                        Optional<List<Message>> answer = turn(kept, Inbound.text(from, text, delivery));
                        reply(from, e.getChannel(), answer.orElse(List.of(ConversationEngine.keptForLater())));
                        answer.ifPresent(a -> handled(delivery));
                    }
                });
                if (!queued) {
                    // busy: the message stays pending in the store and recovery answers it (the heap stays bounded)
                    log.debug("slack work queue full: {} left pending for recovery", delivery);
                }
            }
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if ("home".equals(e.getTab()) && firstTime("slack:event:" + payload.getEventId())) {
                UserRef from = new UserRef(PLATFORM, payload.getTeamId(), e.getUser());
                work.submit(from.key(), () -> publishHome(from));
            }
            return ctx.ack();
        });
        app.blockAction(Pattern.compile(".*"), (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            UserRef from = new UserRef(PLATFORM, p.getTeam() == null ? p.getUser().getTeamId() : p.getTeam().getId(), p.getUser().getId());
            String channel = p.getChannel() != null ? p.getChannel().getId()
                    : p.getContainer() != null ? p.getContainer().getChannelId() : null;
            // a button in a private (ephemeral) reply answers privately too, through its response_url
            boolean ephemeral = p.getContainer() != null && p.getContainer().isEphemeral() && p.getResponseUrl() != null;
            ResponseUrl url = (t, blocks) -> responses.post(p.getResponseUrl(), ActionResponse.builder()
                    .responseType("ephemeral").replaceOriginal(false).text(t).blocks(blocks).build());
            for (BlockActionPayload.Action a : p.getActions() == null ? List.<BlockActionPayload.Action>of() : p.getActions()) {
                String actionId = SlackRenderer.coreActionId(a.getActionId());
                String value = a.getSelectedOption() != null ? a.getSelectedOption().getValue() : a.getValue();
                if (SlackRenderer.OPEN_FORM.equals(actionId)) {
                    openForm(from, p.getTriggerId(), channel, value);
                    continue;
                }
                String delivery = "slack:action:" + p.getTriggerId() + ":" + a.getActionId() + ":" + a.getActionTs();
                if (firstTime(delivery)) {
                    work.submit(from.key(), () -> {
                        List<Message> replies = engine.handle(Inbound.action(from, actionId, value, delivery));
                        if (ephemeral) {
                            respond(from, p.getResponseUrl(), url, replies);
                        } else {
                            reply(from, channel, replies);
                        }
                    });
                }
            }
            return ctx.ack();
        });
        app.viewSubmission(SlackRenderer.FORM_CALLBACK, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            UserRef from = new UserRef(PLATFORM, p.getTeam() == null ? p.getUser().getTeamId() : p.getTeam().getId(), p.getUser().getId());
            Optional<FormMetadata> meta = SlackForms.parse(p.getView().getPrivateMetadata(), FormMetadata.class);
            if (meta.isEmpty()) {
                work.submit(from.key(), () -> reply(from, null, List.of(Message.text(
                        "Sorry, I couldn't read that form. Ask me again and I'll send a fresh one."))));
                return ctx.ack();
            }
            Map<String, String> values = SlackRenderer.values(p.getView().getState());
            Map<String, String> errors = problems(values, meta.get());
            if (!errors.isEmpty()) {
                return ctx.ackWithErrors(errors);
            }
            String delivery = "slack:view:" + p.getView().getId();
            if (firstTime(delivery)) {
                Map<String, String> filled = new LinkedHashMap<>();
                values.forEach((k, v) -> {
                    if (v != null && !v.isBlank()) {
                        filled.put(k, v.strip());
                    }
                });
                work.submit(from.key(), () -> reply(from, meta.get().channel(),
                        engine.handle(Inbound.form(from, meta.get().action(), meta.get().value(), filled, delivery))));
            }
            return ctx.ack();
        });
    }

    /** What a form's modal carries from the button that opened it to its submission. */
    record FormMetadata(String action, String value, String channel, List<String> required) {
    }

    /** Errors to show in the modal, by field: blank required fields and over-long answers. */
    static Map<String, String> problems(Map<String, String> values, FormMetadata meta) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : meta.required() == null ? List.<String>of() : meta.required()) {
            String v = values.get(name);
            if (v == null || v.isBlank()) {
                errors.put(name, "Please fill this in.");
            }
        }
        values.forEach((name, v) -> {
            if (v != null && v.length() > ConversationEngine.MAX_TEXT) {
                errors.put(name, "That's " + v.length() + " characters; I can take up to " + ConversationEngine.MAX_TEXT + ".");
            }
        });
        return errors;
    }

    /**
     * Keeps a typed message with its delivery until it is answered, claimed for this instance when the work queue
     * has room for it (an overflowed one is left to recovery). With the store down the message is still handled
     * (the engine then says it could not save anything).
     */
    private Kept keep(InboundDedupStore.Pending pending, String owner) {
        return PendingRecovery.keep(dedup, work, pending, owner, HANDLING_LEASE);
    }

    /**
     * The engine's answer to a message; empty for a kept one while the store is out of reach: it then stays kept,
     * unanswered, and recovery answers it once the store is back.
     */
    private Optional<List<Message>> turn(Kept kept, Inbound in) {
        return kept == Kept.KEPT ? engine.handleKept(in) : Optional.of(engine.handle(in));
    }

    /** A message queued in memory: still this instance's to answer, unless it waited so long that recovery took it. */
    private boolean ours(String delivery, String owner, Instant at) {
        return PendingRecovery.ours(dedup, holder, delivery, owner, at, clock.instant(), HANDLING_LEASE, HANDLING_MARGIN);
    }

    private void handled(String delivery) {
        try {
            dedup.handled(delivery);
        } catch (RuntimeException e) {
            log.warn("could not mark a Slack delivery handled (it will be picked up again): {}", e.getMessage());
        }
    }

    /**
     * Runs a recovered message through the engine, answers in its channel (or by DM), then marks it handled; with the
     * store out of reach it stays kept for a later round.
     */
    void answer(InboundDedupStore.Pending p) {
        Optional<List<Message>> answer = engine.handleKept(Inbound.text(p.from(), p.text(), p.key()));
        if (answer.isEmpty()) {
            log.info("store out of reach: {} stays kept for a later round of recovery", p.key());
            return;
        }
        reply(p.from(), p.channel(), answer.get());
        handled(p.key());
    }

    /**
     * Picks up messages that were acknowledged to Slack but never answered (the process died in between):
     * Slack will not send them again, so they are handled from the store. The engine keys a reflection by
     * its delivery id, so one that was saved before the crash is not saved twice.
     *
     * @return how many were picked up
     */
    int recoverUnhandled() {
        return recoverUnhandled(holder.owner(RECOVERY));
    }

    /** As {@link #recoverUnhandled()}, claiming under {@code owner}. */
    int recoverUnhandled(String owner) {
        int total = PendingRecovery.retake(dedup, PLATFORM, work, clock, holder, owner, RECOVER_AFTER, RECOVERY_LEASE,
                HANDLING_MARGIN, RECOVERY_BATCH, this::answer);
        if (total > 0) {
            log.info("answering {} Slack messages taken in but not yet answered (a restart, or a busy spell)", total);
        }
        return total;
    }

    /** True unless the delivery was seen before. With the store down it is handled (the engine then says so). */
    private boolean firstTime(String delivery) {
        try {
            return dedup.firstDelivery(delivery, clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not record a Slack delivery: {}", e.getMessage());
            return true;
        }
    }

    private static String teamOf(String payloadTeam, String eventTeam) {
        return payloadTeam != null ? payloadTeam : eventTeam == null ? "" : eventTeam;
    }

    private void openForm(UserRef from, String triggerId, String channel, String value) {
        Optional<Block.Form> form = forms.decode(value);
        if (form.isEmpty()) {
            work.submit(from.key(), () -> reply(from, channel, List.of(Message.text(
                    "That form has expired. Ask me again and I'll send a fresh one."))));
            return;
        }
        Block.Form f = form.get();
        List<String> required = f.fields().stream().filter(Block.Field::required).map(Block.Field::name).toList();
        String metadata = SlackForms.json(new FormMetadata(f.submit().actionId(), f.submit().value(), channel, required));
        try {
            ViewsOpenResponse r = methods.viewsOpen(req -> req.triggerId(triggerId).view(renderer.modal(f, metadata)));
            if (!r.isOk()) {
                log.warn("views.open failed: {}", r.getError());
                work.submit(from.key(), () -> reply(from, channel, List.of(Message.text(
                        "Sorry, Slack didn't open that form. Please press the button again."))));
            }
        } catch (IOException | SlackApiException e) {
            log.warn("views.open failed: {}", e.getClass().getSimpleName());
            work.submit(from.key(), () -> reply(from, channel, List.of(Message.text(
                    "Sorry, Slack didn't open that form. Please press the button again."))));
        }
    }

    void publishHome(UserRef user) {
        try {
            ViewsPublishResponse r = methods.viewsPublish(req -> req.userId(user.userId()).view(renderer.home(home.forUser(user))));
            if (!r.isOk()) {
                log.warn("views.publish failed: {}", r.getError());
            }
        } catch (IOException | SlackApiException e) {
            log.warn("views.publish failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Posts replies to the channel the person wrote in, or to a direct message when there is none. */
    void reply(UserRef to, String channel, List<Message> replies) {
        if (replies.isEmpty()) {
            return;
        }
        String target = channel;
        if (target == null) {
            SlackPoster.Opened dm = dms.open(to);
            if (dm.channel() == null) {
                log.warn("no channel to reply in: {}", dm.failure().detail());
                return;
            }
            target = dm.channel();
        }
        List<SlackRenderer.Rendered> messages = renderer.messages(replies);
        SlackPoster.Posted posted = poster.post(target, messages);
        if (channel != null && posted.delivered() == 0 && posted.result().outcome() == DeliveryResult.Outcome.UNDELIVERABLE) {
            // e.g. a form opened from a channel the bot is not in: answer by direct message instead
            SlackPoster.Opened dm = dms.open(to);
            if (dm.channel() != null && !dm.channel().equals(channel)) {
                target = dm.channel();
                posted = poster.post(target, messages);
            }
        }
        // held up (a busy channel or workspace pace, or Slack's 429): wait as told and go on from the first message not
        // sent, until all are sent or the waits would add up to more than LONGEST_REPLY_WAIT; a failure with no wait
        // given (Slack erring, unreachable) is tried again after 1 s, 2 s, 4 s and so on
        int sent = posted.delivered();
        Duration waited = Duration.ZERO;
        int untold = 0;
        while (posted.result().outcome() == DeliveryResult.Outcome.RETRY_LATER && sent < messages.size()) {
            Duration told = posted.result().retryAfter();
            Duration wait = told == null || told.isZero() || told.isNegative() ? Duration.ofSeconds(1L << Math.min(untold++, 5)) : told;
            waited = waited.plus(wait);
            if (waited.compareTo(LONGEST_REPLY_WAIT) > 0) {
                break;
            }
            try {
                pacer.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            posted = poster.post(target, messages.subList(sent, messages.size()));
            sent += posted.delivered();
        }
        if (posted.result().outcome() != DeliveryResult.Outcome.DELIVERED) {
            log.warn("reply not delivered: {}", posted.result().detail());
        }
    }

    /** Posts replies to a response_url (seen only by the person; at most five posts), the rest by DM. */
    private void respond(UserRef to, String responseUrl, ResponseUrl url, List<Message> replies) {
        List<SlackRenderer.Rendered> messages = renderer.messages(replies);
        int sent = 0;
        if (responseUrl != null) {
            for (SlackRenderer.Rendered m : messages.subList(0, Math.min(messages.size(), RESPONSE_URL_POSTS))) {
                try {
                    Integer status = url.post(m.text(), m.blocks());
                    if (status == null || status / 100 != 2) {
                        log.warn("response_url post refused: HTTP {}", status);
                        break;
                    }
                    sent++;
                } catch (IOException e) {
                    log.warn("response_url post failed: {}", e.getClass().getSimpleName());
                    break;
                }
            }
        }
        if (sent < messages.size()) {
            SlackPoster.Opened dm = dms.open(to);
            if (dm.channel() != null) {
                poster.post(dm.channel(), messages.subList(sent, messages.size()));
            } else {
                log.warn("slash command reply not delivered: {}", dm.failure().detail());
            }
        }
    }

    /** Posts one message to a response_url ({@link ResponseUrlSender}); returns the HTTP status. */
    @FunctionalInterface
    interface ResponseUrl {
        Integer post(String text, List<LayoutBlock> blocks) throws IOException;
    }
}
