package uk.ectmentor.core.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.engine.Handler;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;

/**
 * Joins a person's identities on several platforms (say Slack and Teams) into one person: {@code link} on
 * the platform the bot already knows them on gives a one-time code; {@code link CODE} on the other platform
 * adds that identity to the same person. Codes are single use and expire after {@link #VALIDITY}.
 */
public final class LinkFlow {
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 6;

    private final PeopleStore people;
    private final LinkCodeStore codes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LinkFlow(PeopleStore people, LinkCodeStore codes, Clock clock) {
        this.people = people;
        this.codes = codes;
        this.clock = clock;
    }

    public void register(Router router) {
        router.commandWithText("link", this::link, "link account", "link accounts")
              .describe("link", "link", "use me on another platform too (Slack, Teams, web chat) as the same person");
    }

    /** Wraps the stranger handler so an unknown identity can still redeem a code with {@code link CODE}. */
    public Handler beforeStranger(Handler stranger) {
        return turn -> {
            Optional<String> code = codeIn(turn.text());
            if (code.isPresent()) {
                return redeem(turn.inbound().from(), null, code.get());
            }
            return stranger.handle(turn);
        };
    }

    private List<Message> link(Turn turn) {
        String args = turn.args() == null ? "" : turn.args().strip();
        if (!args.isEmpty()) {
            return redeem(turn.inbound().from(), turn.person(), args);
        }
        return issue(turn.person(), turn.inbound().from());
    }

    private List<Message> issue(Person person, UserRef from) {
        Instant expires = clock.instant().plus(VALIDITY);
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = newCode();
            if (codes.add(new LinkCodeStore.LinkCode(code, person.id(), from.key(), expires))) {
                return List.of(Message.builder()
                        .text("Your linking code is *" + code + "*.")
                        .text("On the other platform (Slack, Teams or the web chat), say *link " + code + "* to me within "
                                + VALIDITY.toMinutes() + " minutes. It works once.")
                        .build());
            }
        }
        return List.of(Message.text("Sorry, I couldn't make a linking code just now. Please try *link* again."));
    }

    private List<Message> redeem(UserRef from, Person current, String typed) {
        String code = normalise(typed);
        if (code.length() != LENGTH) {
            return List.of(Message.text("A linking code is " + LENGTH + " letters and digits, like *link K7Q2MX*. "
                    + "Say *link* on the platform I already know you on to get one."));
        }
        Optional<LinkCodeStore.LinkCode> found = codes.take(code);
        if (found.isEmpty() || found.get().expiresAt().isBefore(clock.instant())) {
            return List.of(Message.text("That linking code isn't valid: it may have expired or been used already. "
                    + "Say *link* where I already know you to get a new one."));
        }
        LinkCodeStore.LinkCode link = found.get();
        if (link.issuedTo().equals(from.key())) {
            return List.of(Message.text("That code is for your *other* account: say *link " + code
                    + "* to me on the other platform. I've cancelled this one, so say *link* for a new code."));
        }
        if (current != null && current.id().equals(link.personId())) {
            return List.of(Message.text("This account is already linked to you. Nothing changed."));
        }
        if (current != null) {
            return List.of(Message.text("This account already belongs to someone in the programme, so I haven't linked it. "
                    + "Ask your induction tutor to sort it out."));
        }
        Optional<Person> person = people.person(link.personId());
        if (person.isEmpty()) {
            return List.of(Message.text("That linking code belongs to someone I no longer have on record. "
                    + "Ask your induction tutor to add you."));
        }
        people.linkIdentity(from, person.get().id());
        return List.of(Message.builder()
                .text("Linked. Hello " + person.get().name() + ": I'll know you here too, with the same learning log and sessions.")
                .build());
    }

    /** The code in "link CODE" typed by someone the bot does not know yet. */
    static Optional<String> codeIn(String text) {
        String words = (text == null ? "" : text).strip().replaceFirst("(?i)^/mentor\\s+", "");
        if (!words.regionMatches(true, 0, "link", 0, 4) || words.length() < 5 || !Character.isWhitespace(words.charAt(4))) {
            return Optional.empty();
        }
        String rest = normalise(words.substring(5));
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    private static String normalise(String typed) {
        return typed.replaceAll("[\\s*_:-]", "").toUpperCase(Locale.ROOT);
    }

    private String newCode() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
