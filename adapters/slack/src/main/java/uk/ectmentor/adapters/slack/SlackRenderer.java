package uk.ectmentor.adapters.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;

/**
 * Renders the core's messages as Block Kit, always within Slack's limits, so Slack never rejects a reply:
 * long text is split over several sections, a message of more than {@value #MESSAGE_BLOCKS} blocks becomes
 * several messages, a view is cut at {@value #VIEW_BLOCKS} blocks with a note saying so, and labels that
 * must be short are shortened with an ellipsis.
 *
 * <p>Action ids: Slack wants each element's action id unique within a message, so the core's action id
 * travels as {@code actionId~n}; {@link #coreActionId} takes the suffix off again.
 */
final class SlackRenderer {
    static final int MESSAGE_BLOCKS = 50;
    static final int VIEW_BLOCKS = 100;
    static final int SECTION_TEXT = 3_000;
    static final int CONTEXT_TEXT = 3_000;
    static final int BUTTON_LABEL = 75;
    static final int HEADER_TEXT = 150;
    static final int MODAL_TITLE = 24;
    static final int MODAL_BUTTON = 24;
    static final int ACTION_ELEMENTS = 25;
    static final int SELECT_OPTIONS = 100;
    static final int OPTION_TEXT = 75;
    static final int OPTION_VALUE = 150;
    static final int BUTTON_VALUE = 2_000;
    static final int INPUT_LABEL = 2_000;
    static final int INPUT_MAX_LENGTH = 3_000;
    static final int PRIVATE_METADATA = 3_000;
    static final int FALLBACK_TEXT = 300;

    /** Action id of the button that opens a form's modal; its value carries the form. */
    static final String OPEN_FORM = "form.open";
    /** Callback id of a form's modal. */
    static final String FORM_CALLBACK = "form.submit";
    /** Action id of every input inside a form's modal. */
    static final String INPUT_ACTION = "v";

    private final SlackForms forms;

    SlackRenderer(SlackForms forms) {
        this.forms = forms;
    }

    SlackForms forms() {
        return forms;
    }

    /** One Slack message: its blocks and the plain-text fallback Slack shows in notifications. */
    record Rendered(List<LayoutBlock> blocks, String text) {
    }

    /** The core's replies as Slack messages, each within {@value #MESSAGE_BLOCKS} blocks. */
    List<Rendered> messages(List<Message> messages) {
        List<Rendered> out = new ArrayList<>();
        for (Message message : messages) {
            List<LayoutBlock> blocks = blocks(message);
            String text = SlackText.cut(message.plainText().isBlank() ? "(message)" : message.plainText(), FALLBACK_TEXT);
            for (int from = 0; from < blocks.size(); from += MESSAGE_BLOCKS) {
                out.add(new Rendered(List.copyOf(blocks.subList(from, Math.min(blocks.size(), from + MESSAGE_BLOCKS))), text));
            }
            if (blocks.isEmpty()) {
                out.add(new Rendered(List.of(section(" ")), text));
            }
        }
        return out;
    }

    /** A message as an App Home view, cut at {@value #VIEW_BLOCKS} blocks. */
    View home(Message message) {
        List<LayoutBlock> blocks = blocks(message);
        // a message that renders to nothing still needs one block: Slack refuses an empty view
        return View.builder().type("home").blocks(blocks.isEmpty() ? List.of(section(" ")) : fitView(blocks)).build();
    }

    /**
     * The modal that collects a form.
     *
     * @param metadata carried back with the submission (at most {@value #PRIVATE_METADATA} characters)
     */
    View modal(Block.Form form, String metadata) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (form.title().length() > MODAL_TITLE) {
            for (String piece : SlackText.split(form.title(), SECTION_TEXT - 2)) {
                blocks.add(section("*" + SlackText.escape(piece) + "*"));
            }
        }
        for (Block.Field field : form.fields()) {
            blocks.add(input(field));
        }
        if (blocks.isEmpty()) {
            blocks.add(section("Nothing to fill in: press " + SlackText.escapeCut(form.submit().label(), SECTION_TEXT - 40) + "."));
        }
        return View.builder()
                .type("modal")
                .callbackId(FORM_CALLBACK)
                .title(ViewTitle.builder().type("plain_text").text(SlackText.cut(form.title().isBlank() ? "Form" : form.title(), MODAL_TITLE)).build())
                .submit(ViewSubmit.builder().type("plain_text").text(SlackText.cut(form.submit().label().isBlank() ? "Submit" : form.submit().label(), MODAL_BUTTON)).build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .privateMetadata(metadata.length() <= PRIVATE_METADATA ? metadata : "")
                .blocks(fitView(blocks))
                .build();
    }

    /** The core's action id behind a Slack action id. */
    static String coreActionId(String slackActionId) {
        int tilde = slackActionId == null ? -1 : slackActionId.lastIndexOf('~');
        return tilde < 0 ? slackActionId : slackActionId.substring(0, tilde);
    }

    List<LayoutBlock> blocks(Message message) {
        List<LayoutBlock> out = new ArrayList<>();
        int[] element = {0};
        for (Block block : message.blocks()) {
            render(block, out, element);
        }
        return out;
    }

    private void render(Block block, List<LayoutBlock> out, int[] element) {
        if (block instanceof Block.Heading h) {
            if (h.text().length() <= HEADER_TEXT && !h.text().isBlank()) {
                out.add(HeaderBlock.builder().text(plain(h.text())).build());
            } else {
                for (String piece : SlackText.split(h.text(), SECTION_TEXT - 2)) {
                    out.add(section("*" + SlackText.escape(piece) + "*"));
                }
            }
        } else if (block instanceof Block.Text t) {
            for (String piece : SlackText.split(t.text(), SECTION_TEXT)) {
                out.add(section(SlackText.escape(piece)));
            }
        } else if (block instanceof Block.Note n) {
            for (String piece : SlackText.split(n.text(), CONTEXT_TEXT)) {
                out.add(context(SlackText.escape(piece)));
            }
        } else if (block instanceof Block.Items items) {
            StringBuilder lines = new StringBuilder();
            int i = 1;
            for (String item : items.items()) {
                lines.append(items.numbered() ? (i++) + ". " : "• ").append(item.strip()).append('\n');
            }
            for (String piece : SlackText.split(lines.toString(), SECTION_TEXT)) {
                out.add(section(SlackText.escape(piece)));
            }
        } else if (block instanceof Block.Buttons b) {
            List<BlockElement> buttons = new ArrayList<>();
            for (Button button : b.buttons()) {
                buttons.add(button(button, element[0]++));
            }
            actions(buttons, out);
        } else if (block instanceof Block.Choice c) {
            if (!c.label().isBlank()) {
                for (String piece : SlackText.split(c.label(), SECTION_TEXT)) {
                    out.add(section(SlackText.escape(piece)));
                }
            }
            List<BlockElement> selects = new ArrayList<>();
            for (int from = 0; from < c.options().size(); from += SELECT_OPTIONS) {
                List<OptionObject> options = c.options().subList(from, Math.min(c.options().size(), from + SELECT_OPTIONS))
                        .stream().map(SlackRenderer::option).toList();
                selects.add(StaticSelectElement.builder()
                        .actionId(c.actionId() + "~" + element[0]++)
                        .placeholder(plain(from == 0 ? "Choose…" : "More choices…"))
                        .options(options)
                        .build());
            }
            actions(selects, out);
        } else if (block instanceof Block.Form f) {
            String title = f.title().isBlank() ? "a form" : f.title();
            for (String piece : SlackText.split(title, SECTION_TEXT - 2)) {
                out.add(section("*" + SlackText.escape(piece) + "*"));
            }
            actions(List.of(ButtonElement.builder()
                    .actionId(OPEN_FORM + "~" + element[0]++)
                    .text(plain(SlackText.cut("Fill in: " + title, BUTTON_LABEL)))
                    .value(forms.encode(f))
                    .style("primary")
                    .build()), out);
        } else if (block instanceof Block.Progress p) {
            int total = Math.max(p.total(), 1);
            int done = Math.max(0, Math.min(p.current(), total));
            String bar = total <= 20 ? " " + "▰".repeat(done) + "▱".repeat(total - done) : "";
            out.add(context(SlackText.escapeCut(p.label() + " " + p.current() + "/" + p.total() + bar, CONTEXT_TEXT)));
        } else if (block instanceof Block.Divider) {
            out.add(DividerBlock.builder().build());
        }
    }

    private static void actions(List<BlockElement> elements, List<LayoutBlock> out) {
        for (int from = 0; from < elements.size(); from += ACTION_ELEMENTS) {
            out.add(ActionsBlock.builder()
                    .elements(List.copyOf(elements.subList(from, Math.min(elements.size(), from + ACTION_ELEMENTS))))
                    .build());
        }
    }

    private static ButtonElement button(Button button, int n) {
        String value = button.value() == null ? "" : button.value();
        ButtonElement.ButtonElementBuilder b = ButtonElement.builder()
                .actionId(button.actionId() + "~" + n)
                .text(plain(SlackText.cut(button.label().isBlank() ? "OK" : button.label(), BUTTON_LABEL)))
                .value(value.length() <= BUTTON_VALUE ? value : value.substring(0, BUTTON_VALUE));
        if ("primary".equals(button.style()) || "danger".equals(button.style())) {
            b.style(button.style());
        }
        return b.build();
    }

    private static OptionObject option(Block.Option o) {
        String value = o.value() == null ? "" : o.value();
        return OptionObject.builder()
                .text(plain(SlackText.cut(!o.label().isBlank() ? o.label() : value.isBlank() ? "-" : value, OPTION_TEXT)))
                .value(value.length() <= OPTION_VALUE ? value : value.substring(0, OPTION_VALUE))
                .build();
    }

    private static InputBlock input(Block.Field field) {
        BlockElement element;
        if (!field.options().isEmpty()) {
            List<OptionObject> options = field.options().stream().limit(SELECT_OPTIONS).map(SlackRenderer::option).toList();
            StaticSelectElement.StaticSelectElementBuilder select = StaticSelectElement.builder()
                    .actionId(INPUT_ACTION).placeholder(plain("Choose…")).options(options);
            options.stream().filter(o -> o.getValue().equals(field.initialValue())).findFirst().ifPresent(select::initialOption);
            element = select.build();
        } else {
            PlainTextInputElement.PlainTextInputElementBuilder text = PlainTextInputElement.builder()
                    .actionId(INPUT_ACTION).multiline(field.multiline()).maxLength(INPUT_MAX_LENGTH);
            if (field.initialValue() != null && !field.initialValue().isBlank()) {
                text.initialValue(SlackText.cut(field.initialValue(), INPUT_MAX_LENGTH));
            }
            element = text.build();
        }
        return InputBlock.builder()
                .blockId(field.name())
                .label(plain(SlackText.cut(!field.label().isBlank() ? field.label() : field.name().isBlank() ? "Answer" : field.name(), INPUT_LABEL)))
                .optional(!field.required())
                .element(element)
                .build();
    }

    private static List<LayoutBlock> fitView(List<LayoutBlock> blocks) {
        if (blocks.size() <= VIEW_BLOCKS) {
            return blocks;
        }
        List<LayoutBlock> out = new ArrayList<>(blocks.subList(0, VIEW_BLOCKS - 1));
        out.add(context("There is more than fits here: send me a message to see the rest."));
        return out;
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn).build()).build();
    }

    private static ContextBlock context(String mrkdwn) {
        List<ContextBlockElement> elements = List.of(MarkdownTextObject.builder().text(mrkdwn).build());
        return ContextBlock.builder().elements(elements).build();
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).emoji(true).build();
    }

    /** Field values of a submitted modal, by block id (the core field name). */
    static Map<String, String> values(com.slack.api.model.view.ViewState state) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (state == null || state.getValues() == null) {
            return out;
        }
        state.getValues().forEach((blockId, actions) -> {
            com.slack.api.model.view.ViewState.Value v = actions.get(INPUT_ACTION);
            if (v == null) {
                return;
            }
            String value = v.getSelectedOption() != null ? v.getSelectedOption().getValue() : v.getValue();
            out.put(blockId, value == null ? "" : value);
        });
        return out;
    }
}
