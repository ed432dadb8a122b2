package uk.ectmentor.adapters.teams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsActivityHandler;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import com.microsoft.bot.schema.AdaptiveCardInvokeValue;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.AttachmentLayoutTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.TextFormatTypes;
import com.microsoft.bot.schema.teams.TeamsChannelData;

import uk.ectmentor.core.chat.UserRef;

/**
 * The SDK's activity handler for the activities answered in the HTTP request (invokes, installs, conversation
 * updates): turns them into {@link TeamsAdapter} calls and sends what comes back. Message activities do not
 * come here: {@link SdkBotFramework} reads them ({@link #message}) and {@link TeamsInbox} handles them after
 * the answer.
 */
final class SdkActivityHandler extends TeamsActivityHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An Action.Execute answer that shows a short message and leaves the card unchanged. */
    static final String MESSAGE_RESPONSE_TYPE = "application/vnd.microsoft.activity.message";
    private final TeamsAdapter adapter;

    SdkActivityHandler(TeamsAdapter adapter) {
        this.adapter = adapter;
    }

    /** Activities the handlers below don't see (reactions, typing, ...) still refresh the stored reference. */
    @Override
    public CompletableFuture<Void> onTurn(TurnContext ctx) {
        Activity a = ctx.getActivity();
        if (a != null && a.getType() != null && a.getFrom() != null
                && !java.util.Set.of("message", "invoke", "installationUpdate", "conversationUpdate").contains(a.getType())) {
            adapter.refresh(user(a), reference(a));
        }
        return super.onTurn(ctx);
    }

    /**
     * A message activity as the adapter handles it later (typed text with mentions of the bot taken out, or an
     * Action.Submit's value); see {@link TeamsInbox}.
     */
    static TeamsMessage message(Activity a) {
        String text = a.getText() == null ? null : stripMentions(a);
        String conversation = a.getConversation() == null ? null : a.getConversation().getId();
        return new TeamsMessage(user(a), reference(a), conversation, a.getId(), text, tree(a.getValue()), a.getReplyToId());
    }

    @Override
    protected CompletableFuture<AdaptiveCardInvokeResponse> onAdaptiveCardInvoke(TurnContext ctx, AdaptiveCardInvokeValue value) {
        Activity a = ctx.getActivity();
        TeamsAdapter.CardUpdate update = adapter.onCardInvoke(user(a), reference(a), value.getAction().getVerb(),
                tree(value.getAction().getData()), a.getId());
        return send(ctx, update.more()).thenApply(done -> {
            AdaptiveCardInvokeResponse response = new AdaptiveCardInvokeResponse();
            response.setStatusCode(200);
            if (update.card() == null) {
                // the card stays as it was; Teams shows the notice
                response.setType(MESSAGE_RESPONSE_TYPE);
                response.setValue(update.notice());
            } else {
                response.setType(AdaptiveCardRenderer.CARD_CONTENT_TYPE);
                response.setValue(update.card());
            }
            return response;
        });
    }

    @Override
    protected CompletableFuture<Void> onInstallationUpdateAdd(TurnContext ctx) {
        Activity a = ctx.getActivity();
        return send(ctx, adapter.onInstalled(user(a), reference(a), a.getId()));
    }

    @Override
    protected CompletableFuture<Void> onInstallationUpdateRemove(TurnContext ctx) {
        adapter.onUninstalled(user(ctx.getActivity()));
        return CompletableFuture.completedFuture(null);
    }

    /** The bot joining or leaving the personal chat counts as install and uninstall (older clients send only this). */
    @Override
    protected CompletableFuture<Void> onConversationUpdateActivity(TurnContext ctx) {
        Activity a = ctx.getActivity();
        String bot = a.getRecipient() == null ? null : a.getRecipient().getId();
        if (bot != null && contains(a.getMembersRemoved(), bot)) {
            adapter.onUninstalled(user(a));
            return CompletableFuture.completedFuture(null);
        }
        if (bot != null && contains(a.getMembersAdded(), bot)) {
            return send(ctx, adapter.onInstalled(user(a), reference(a), a.getId()));
        }
        adapter.refresh(user(a), reference(a));
        return CompletableFuture.completedFuture(null);
    }

    private static boolean contains(List<ChannelAccount> members, String id) {
        return members != null && members.stream().anyMatch(m -> id.equals(m.getId()));
    }

    static CompletableFuture<Void> send(TurnContext ctx, List<Outgoing> out) {
        if (out.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Activity> activities = new ArrayList<>();
        out.forEach(o -> activities.add(activity(o)));
        CompletableFuture<ResourceResponse[]> sent = ctx.sendActivities(activities);
        return sent.thenApply(r -> null);
    }

    /** An outgoing message as a Bot Framework activity (no conversation addressing yet). */
    static Activity activity(Outgoing o) {
        Activity activity = Activity.createMessageActivity();
        if (o.isText()) {
            activity.setText(o.text());
            activity.setTextFormat(TextFormatTypes.MARKDOWN);
        } else {
            List<Attachment> attachments = new ArrayList<>();
            for (var card : o.cards()) {
                Attachment attachment = new Attachment();
                attachment.setContentType(AdaptiveCardRenderer.CARD_CONTENT_TYPE);
                attachment.setContent(card);
                attachments.add(attachment);
            }
            activity.setAttachments(attachments);
            activity.setAttachmentLayout(AttachmentLayoutTypes.LIST);
        }
        return activity;
    }

    /** Who sent the activity, as the core names them: ("teams", tenant id, Entra object id or Teams user id). */
    static UserRef user(Activity a) {
        String tenant = a.getConversation() == null ? null : a.getConversation().getTenantId();
        if (tenant == null || tenant.isBlank()) {
            try {
                TeamsChannelData data = a.teamsGetChannelData();
                tenant = data == null || data.getTenant() == null ? null : data.getTenant().getId();
            } catch (RuntimeException e) {
                tenant = null;
            }
        }
        ChannelAccount from = a.getFrom();
        String id = from == null ? "unknown" : (from.getAadObjectId() != null && !from.getAadObjectId().isBlank()
                ? from.getAadObjectId() : from.getId());
        return new UserRef("teams", tenant == null || tenant.isBlank() ? "unknown" : tenant, id == null ? "unknown" : id);
    }

    static String reference(Activity a) {
        return Serialization.toStringSilent(a.getConversationReference());
    }

    private static String stripMentions(Activity a) {
        String text = a.getText();
        try {
            text = a.removeRecipientMention();
        } catch (RuntimeException e) {
            // keep the text as sent
        }
        return text == null ? null : text.replaceAll("<at>[^<]*</at>", "").strip();
    }

    private static JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        try {
            return JSON.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
