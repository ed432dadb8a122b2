package uk.ectmentor.core.content;

import java.util.List;

/** One numbered activity in a section, with the prompts a mentor can use for it. */
public record Activity(String title, String text, List<String> prompts) {
    public Activity {
        prompts = List.copyOf(prompts);
    }
}
