package uk.ectmentor.core.content;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All sessions the bot knows, looked up by module, week and kind. */
public final class ContentPack {
    private final Map<String, Session> byId = new LinkedHashMap<>();

    public ContentPack(Collection<Session> sessions) {
        sessions.stream()
                .sorted(Comparator.comparingInt(Session::year).thenComparingInt(Session::module)
                        .thenComparingInt(Session::week).thenComparing(Session::kind))
                .forEach(s -> byId.put(s.id(), s));
    }

    public Optional<Session> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Session> find(int module, int week, SessionKind kind) {
        return byId.values().stream()
                .filter(s -> s.module() == module && s.week() == week && s.kind() == kind)
                .findFirst();
    }

    public List<Session> sessions() {
        return Collections.unmodifiableList(List.copyOf(byId.values()));
    }

    public int size() {
        return byId.size();
    }
}
