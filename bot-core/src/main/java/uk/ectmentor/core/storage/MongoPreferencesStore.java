package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.eq;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;

import uk.ectmentor.core.nudges.NudgePreferences;
import uk.ectmentor.core.nudges.PreferencesStore;

/** Nudge preferences in collection {@code nudgePreferences}, one document a person. */
final class MongoPreferencesStore implements PreferencesStore {
    private final MongoCollection<Document> prefs;

    MongoPreferencesStore(MongoDatabase db) {
        this.prefs = db.getCollection("nudgePreferences");
    }

    @Override
    public NudgePreferences get(String personId) {
        return Mongo.call(() -> {
            Document d = prefs.find(eq("_id", personId)).first();
            if (d == null) {
                return NudgePreferences.defaults(personId);
            }
            return new NudgePreferences(personId, time(d.getString("quietFrom")), time(d.getString("quietTo")),
                    date(d.getString("snoozedUntil")), date(d.getString("skipWeekOf")), date(d.getString("pausedUntil")),
                    d.getBoolean("stopped", false), day(d.getString("studyDay")));
        });
    }

    @Override
    public void save(NudgePreferences p) {
        Document d = new Document("_id", p.personId())
                .append("quietFrom", str(p.quietFrom())).append("quietTo", str(p.quietTo()))
                .append("snoozedUntil", str(p.snoozedUntil())).append("skipWeekOf", str(p.skipWeekOf()))
                .append("pausedUntil", str(p.pausedUntil())).append("stopped", p.stopped())
                .append("studyDay", str(p.studyDay()));
        Mongo.run(() -> prefs.replaceOne(eq("_id", p.personId()), d, new ReplaceOptions().upsert(true)));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static LocalTime time(String s) {
        return s == null ? null : LocalTime.parse(s);
    }

    private static DayOfWeek day(String s) {
        return s == null ? null : DayOfWeek.valueOf(s);
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }
}
