package uk.ectmentor.core.storage;

import java.util.function.Supplier;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ErrorCategory;

import uk.ectmentor.core.engine.StoreUnavailableException;

/** Small helpers shared by the Mongo stores. */
final class Mongo {
    private Mongo() {
    }

    /** Runs a store call, turning "the database is not there" into {@link StoreUnavailableException}. */
    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (MongoTimeoutException | MongoSocketException e) {
            throw new StoreUnavailableException("MongoDB unreachable: " + e.getClass().getSimpleName(), e);
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
