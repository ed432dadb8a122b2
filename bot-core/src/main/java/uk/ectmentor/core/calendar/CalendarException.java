package uk.ectmentor.core.calendar;

/** A school calendar file that cannot be read: the message names the file and what is wrong. */
public final class CalendarException extends RuntimeException {
    public CalendarException(String message) {
        super(message);
    }

    public CalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
