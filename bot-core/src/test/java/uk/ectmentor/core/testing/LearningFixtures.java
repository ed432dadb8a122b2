package uk.ectmentor.core.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.storage.MongoStorage;

/**
 * What the learning-log, audit and action-plan transcripts need besides the demo pair: a second pair in
 * the same school (mentor {@code jo}, ECT {@code kim}, Module 2 week 3, a module with no audit) and the
 * built-in content plus a test-only Module 4 audit ({@code src/test/resources/learning-content}).
 */
public final class LearningFixtures {
    public static final String OTHER_MENTOR = "jo";
    public static final String OTHER_ECT = "kim";

    private LearningFixtures() {
    }

    /** The built-in pack plus the test-only sessions under {@code learning-content/} (works from a jar too). */
    public static ContentPack content() {
        java.util.List<uk.ectmentor.core.content.Session> sessions = new java.util.ArrayList<>(ContentLoader.builtIn());
        for (String file : java.util.List.of("module-4-audit.yaml")) {
            String resource = "learning-content/" + file;
            try (java.io.InputStream in = LearningFixtures.class.getClassLoader().getResourceAsStream(resource)) {
                sessions.add(ContentLoader.parse(resource, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new ContentPack(sessions);
    }

    public static void install(MongoStorage storage) {
        var people = storage.people();
        people.savePerson(new Person(OTHER_MENTOR, DemoData.SCHOOL, "Jo", Role.MENTOR, "Primary", null));
        people.savePerson(new Person(OTHER_ECT, DemoData.SCHOOL, "Kim", Role.ECT, "Primary", null, 1));
        people.linkIdentity(UserRef.web(OTHER_MENTOR), OTHER_MENTOR);
        people.linkIdentity(UserRef.web(OTHER_ECT), OTHER_ECT);
        people.savePairing(new Pairing("pair-jo-kim", DemoData.SCHOOL, OTHER_MENTOR, OTHER_ECT, 2, 3));
    }

    /** A test bot with the demo school, the second pair and the test audit content. */
    public static TestBot bot() {
        TestBot bot = new TestBot(content());
        install(bot.storage);
        return bot;
    }
}
