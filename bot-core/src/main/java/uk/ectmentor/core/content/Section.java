package uk.ectmentor.core.content;

import java.util.List;

/**
 * A timed part of a session (Review, Plan, Theory to Practice, Next Steps, or the document's own name).
 *
 * @param minutes the time the document gives the section, or null when it gives none
 */
public record Section(String name, Integer minutes, String summary, List<Activity> activities) {
    public Section {
        activities = List.copyOf(activities);
    }

    public String timing() {
        return minutes == null ? "untimed" : minutes + " min";
    }
}
