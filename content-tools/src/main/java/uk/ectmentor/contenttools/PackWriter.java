package uk.ectmentor.contenttools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import uk.ectmentor.core.content.Activity;
import uk.ectmentor.core.content.LearningIntention;
import uk.ectmentor.core.content.ModuleAudit;
import uk.ectmentor.core.content.Scenario;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;

/** Writes a session as a content-pack YAML file (the format in docs/CONTENT.md). */
final class PackWriter {
    private PackWriter() {
    }

    static String yaml(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("programme", s.programme());
        m.put("year", s.year());
        m.put("module", s.module());
        if (s.moduleTitle() != null) {
            m.put("moduleTitle", s.moduleTitle());
        }
        m.put("week", s.week());
        m.put("kind", s.kind().id());
        m.put("title", s.title());
        m.put("researchSummary", s.researchSummary());
        putList(m, "learningIntentions", s.learningIntentions().stream().map(PackWriter::intention).toList());
        if (s.introduction() != null) {
            m.put("introduction", s.introduction());
        }
        List<Object> sections = new ArrayList<>();
        for (Section sec : s.sections()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", sec.name());
            if (sec.minutes() != null) {
                x.put("minutes", sec.minutes());
            }
            if (sec.summary() != null) {
                x.put("summary", sec.summary());
            }
            List<Object> acts = new ArrayList<>();
            for (Activity a : sec.activities()) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("title", a.title());
                if (a.text() != null) {
                    y.put("text", a.text());
                }
                if (!a.prompts().isEmpty()) {
                    y.put("prompts", a.prompts());
                }
                acts.add(y);
            }
            putList(x, "activities", acts);
            sections.add(x);
        }
        putList(m, "sections", sections);
        ModuleAudit audit = s.audit();
        if (audit != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("scale", audit.scale().stream().map(l -> map("name", l.name(), "definition", l.definition())).toList());
            if (!audit.criteria().isEmpty()) {
                a.put("criteria", audit.criteria().stream().map(c -> c.code() == null ? map("text", c.text()) : map("code", c.code(), "text", c.text())).toList());
            }
            m.put("audit", a);
        }
        List<Object> scenarios = new ArrayList<>();
        for (Scenario sc : s.scenarios()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("phase", sc.phase());
            x.put("text", sc.text());
            putList(x, "options", sc.options().stream().map(o -> (Object) map("label", o.label(), "text", o.text())).toList());
            scenarios.add(x);
        }
        putList(m, "scenarios", scenarios);
        putList(m, "activeIngredients", new ArrayList<>(s.activeIngredients()));
        putList(m, "suggestedActions", new ArrayList<>(s.suggestedActions()));
        putList(m, "frameworkStatements", s.frameworkStatements().stream().map(PackWriter::intention).toList());

        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndentWithIndicator(true);
        options.setIndicatorIndent(2);
        options.setIndent(2);
        options.setWidth(110);
        options.setSplitLines(true);
        return "# Imported from " + s.source() + "\n" + new Yaml(options).dump(m);
    }

    private static Object intention(LearningIntention i) {
        Map<String, Object> x = new LinkedHashMap<>();
        if (i.code() != null) {
            x.put("code", i.code());
        }
        x.put("type", i.type());
        x.put("text", i.text());
        return x;
    }

    private static void putList(Map<String, Object> m, String key, List<?> list) {
        if (!list.isEmpty()) {
            m.put(key, list);
        }
    }

    private static Map<String, Object> map(String k1, Object v1) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        return m;
    }

    private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = map(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
