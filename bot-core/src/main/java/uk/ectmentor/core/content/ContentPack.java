package uk.ectmentor.core.content;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * All sessions the bot knows, looked up by module, week and kind. A pack made by {@link ContentLoader#load}
 * can be read again from its files ({@link #reload()}); everyone holding the pack sees the new content.
 */
public final class ContentPack {
    private volatile Map<String, Session> byId;
    private final Supplier<? extends Collection<Session>> source;

    public ContentPack(Collection<Session> sessions) {
        this(sessions, null);
    }

    /** @param source reads the sessions again for {@link #reload()}; null when the pack cannot be reloaded */
    public ContentPack(Collection<Session> sessions, Supplier<? extends Collection<Session>> source) {
        this.byId = index(sessions);
        this.source = source;
    }

    private static Map<String, Session> index(Collection<Session> sessions) {
        Map<String, Session> map = new LinkedHashMap<>();
        sessions.stream()
                .sorted(Comparator.comparingInt(Session::year).thenComparingInt(Session::module)
                        .thenComparingInt(Session::week).thenComparing(Session::kind))
                .forEach(s -> map.put(s.id(), s));
        return Collections.unmodifiableMap(map);
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
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }

    public boolean reloadable() {
        return source != null;
    }

    /**
     * Reads the pack's files again and switches to them in one step.
     *
     * @return the number of sessions now loaded
     * @throws ContentException listing every problem; the current content is kept
     * @throws IllegalStateException when the pack was not loaded from files
     */
    public int reload() {
        if (source == null) {
            throw new IllegalStateException("this content pack was not loaded from files");
        }
        Map<String, Session> fresh = index(source.get());
        byId = fresh;
        return fresh.size();
    }
}
