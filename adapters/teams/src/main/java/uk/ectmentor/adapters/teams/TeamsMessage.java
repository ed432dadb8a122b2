package uk.ectmentor.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;

import uk.ectmentor.core.chat.UserRef;

/**
 * A message activity from Teams, authenticated and read, free of SDK types: typed text (mentions of the bot
 * taken out), or an Action.Submit, which arrives as a message whose value is the button's data.
 *
 * @param reference      the conversation reference to answer in (JSON, as the conversation reference store keeps it)
 * @param conversationId the conversation's id
 * @param activityId     the activity's id (null when Teams sent none)
 * @param value          the activity's value, or null
 * @param replyToId      the message it replies to (for an Action.Submit, the card the button was on), or null
 */
public record TeamsMessage(UserRef from, String reference, String conversationId, String activityId, String text,
                           JsonNode value, String replyToId) {
}
