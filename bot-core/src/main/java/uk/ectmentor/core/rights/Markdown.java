package uk.ectmentor.core.rights;

import java.util.List;
import java.util.Map;

import uk.ectmentor.core.people.Person;

/** A person's export as a readable learning log in Markdown. */
final class Markdown {
    private Markdown() {
    }

    static String of(Person person, Map<String, List<Map<String, Object>>> all) {
        StringBuilder md = new StringBuilder();
        md.append("# Learning log: ").append(person.name()).append("\n");
        List<Map<String, Object>> log = all.getOrDefault("learningLog", List.of());
        if (log.isEmpty()) {
            md.append("\n_No entries._\n");
        }
        log.stream()
                .sorted((a, b) -> String.valueOf(a.get("createdAt")).compareTo(String.valueOf(b.get("createdAt"))))
                .forEach(e -> {
                    String day = String.valueOf(e.get("createdAt"));
                    md.append("\n## ").append(day.length() >= 10 ? day.substring(0, 10) : day)
                      .append(" · ").append(e.get("kind"));
                    Object module = e.get("module");
                    if (module instanceof Number && ((Number) module).intValue() > 0) {
                        md.append(" · module ").append(module).append(", week ").append(e.get("week"));
                    }
                    md.append(Boolean.TRUE.equals(e.get("shared")) ? " · shared" : " · private").append("\n\n");
                    md.append(e.get("text")).append("\n");
                });
        List<Map<String, Object>> actions = all.getOrDefault("actions", List.of());
        if (!actions.isEmpty()) {
            md.append("\n# Actions\n\n");
            actions.forEach(a -> md.append("- [").append("DONE".equals(a.get("status")) ? "x" : " ").append("] ")
                    .append(a.get("text")).append("\n"));
        }
        return md.toString();
    }
}
