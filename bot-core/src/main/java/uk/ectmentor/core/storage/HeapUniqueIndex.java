package uk.ectmentor.core.storage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The embedded store's unique indexes ({@code _id} and every unique index the stores declare), kept in memory
 * and rebuilt from the documents when the store opens, as the in-memory backend of mongo-java-server keeps them.
 *
 * <p>The stock H2 backend keeps each in an MVStore map keyed by {@link KeyValue}, which H2 can only write with
 * Java serialization and compare by serializing both sides: every lookup and every commit that touched the
 * index built an {@code ObjectOutputStream} per key on the page (more than half of what the bot allocated under
 * load, and most of each commit's work under the store's lock). Uniqueness is enforced the same way, by the
 * stock {@link AbstractUniqueIndex} under the collection's lock; only where the keys live changes.
 */
final class HeapUniqueIndex extends AbstractUniqueIndex<Object> {
    private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();

    HeapUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return positions.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return positions.putIfAbsent(key, position) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    @Override
    public long getCount() {
        return positions.size();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
