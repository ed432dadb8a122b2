package uk.ectmentor.core.engine;

/** The store could not be reached; the caller may retry later. Nothing was half-written. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
