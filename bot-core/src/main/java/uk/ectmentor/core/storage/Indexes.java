package uk.ectmentor.core.storage;

import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;

/** Index creation that works on real MongoDB and on the embedded server. */
final class Indexes {
    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    private Indexes() {
    }

    static void unique(MongoCollection<?> collection, Bson keys) {
        collection.createIndex(keys, new IndexOptions().unique(true));
    }

    /** A lookup index: a speed-up only, so a server that cannot build it is not an error. */
    static void lookup(MongoCollection<?> collection, Bson keys) {
        try {
            collection.createIndex(keys);
        } catch (MongoException e) {
            log.debug("lookup index {} on {} not built: {}", keys, collection.getNamespace(), e.getMessage());
        }
    }
}
