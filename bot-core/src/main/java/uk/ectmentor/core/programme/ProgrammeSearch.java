package uk.ectmentor.core.programme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import uk.ectmentor.core.content.Activity;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.LearningIntention;
import uk.ectmentor.core.content.Scenario;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;

/**
 * Ranks sessions against a few words: a word in a title counts most, then in learning intentions and
 * section or activity names, then anywhere in the text. Words match from their start ("feedback"
 * finds "feedback", "mark" finds "marking"); common small words are ignored.
 */
final class ProgrammeSearch {
    private static final Set<String> STOP = Set.of("a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "is", "are",
            "how", "what", "i", "my", "do", "about", "by", "at", "or", "it", "be");

    record Hit(Session session, double score, String where, String snippet) {
    }

    private record Field(String where, String text, double weight) {
    }

    private final ContentPack content;

    ProgrammeSearch(ContentPack content) {
        this.content = content;
    }

    List<Hit> find(String query, int limit) {
        List<String> terms = terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (Session s : content.sessions()) {
            double score = 0;
            Field best = null;
            int bestTerms = 0;
            Set<String> found = new LinkedHashSet<>();
            for (Field f : fields(s)) {
                List<String> words = words(f.text());
                int matched = 0;
                for (String t : terms) {
                    if (words.stream().anyMatch(w -> w.startsWith(t))) {
                        score += f.weight();
                        matched++;
                        found.add(t);
                    }
                }
                if (matched > bestTerms || (matched == bestTerms && matched > 0 && best != null && f.weight() > best.weight())) {
                    bestTerms = matched;
                    best = f;
                }
            }
            if (best != null) {
                // sessions that contain every word rank above those that contain some
                score *= (double) found.size() / terms.size();
                hits.add(new Hit(s, score, best.where(), snippet(best.text())));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(h -> h.session().id()));
        return hits.size() > limit ? hits.subList(0, limit) : hits;
    }

    private static List<Field> fields(Session s) {
        List<Field> f = new ArrayList<>();
        f.add(new Field("title", s.title(), 6));
        for (LearningIntention i : s.learningIntentions()) {
            f.add(new Field("learning intention", i.display(), 3));
        }
        if (s.introduction() != null) {
            f.add(new Field("introduction", s.introduction(), 1));
        }
        for (Section sec : s.sections()) {
            f.add(new Field(sec.name(), sec.name(), 2));
            if (sec.summary() != null) {
                f.add(new Field(sec.name(), sec.summary(), 1));
            }
            for (Activity a : sec.activities()) {
                f.add(new Field(sec.name(), a.title(), 2));
                if (a.text() != null) {
                    f.add(new Field(sec.name(), a.text(), 1));
                }
                for (String p : a.prompts()) {
                    f.add(new Field(sec.name(), p, 1));
                }
            }
        }
        for (Scenario sc : s.scenarios()) {
            f.add(new Field(sc.phase() + " scenario", sc.text(), 1));
            for (Scenario.Option o : sc.options()) {
                f.add(new Field(sc.phase() + " scenario", o.text(), 1));
            }
        }
        s.activeIngredients().forEach(a -> f.add(new Field("active ingredient", a, 1)));
        s.suggestedActions().forEach(a -> f.add(new Field("suggested action", a, 1)));
        s.frameworkStatements().forEach(i -> f.add(new Field("framework statement", i.display(), 1)));
        if (s.audit() != null) {
            s.audit().criteria().forEach(c -> f.add(new Field("audit", (c.code() == null ? "" : c.code() + " ") + c.text(), 2)));
            s.audit().scale().forEach(l -> f.add(new Field("audit scale", l.name() + ": " + l.definition(), 1)));
        }
        return f;
    }

    static List<String> terms(String query) {
        return words(query).stream().filter(w -> !STOP.contains(w) && !w.isEmpty()).distinct().toList();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).replace('’', '\'').split("[^a-z0-9.']+")) {
            String t = w.replaceAll("^[.']+|[.']+$", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String snippet(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() <= 110 ? one : one.substring(0, 109) + "…";
    }
}
