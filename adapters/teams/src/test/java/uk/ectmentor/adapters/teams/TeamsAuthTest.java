package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.delivery.ConversationRefStore;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.testing.TestBot;

/**
 * With credentials configured (single-tenant): the Bot Connector's signing keys are published by a fake
 * OpenID endpoint on loopback, tokens for the bot come from a fake token endpoint. A properly signed
 * request is handled and the replies carry the bot's token; unsigned, forged, expired, mis-addressed and
 * malformed requests are 401s.
 */
@SpringBootTest(classes = TeamsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bot.teams.app-id=test-app-id", "bot.teams.app-password=test-secret", "bot.teams.tenant-id=tenant-1",
        "bot.teams.app-type=SingleTenant"})
class TeamsAuthTest {
    private static final FakeConnector connector = new FakeConnector();
    private static final KeyPair channelKey = rsa();
    private static final KeyPair forgerKey = rsa();
    private static final String KID = "channel-key-1";

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        connector.jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + KID + "\",\"n\":\""
                + b64(((RSAPublicKey) channelKey.getPublic()).getModulus()) + "\",\"e\":\""
                + b64(((RSAPublicKey) channelKey.getPublic()).getPublicExponent()) + "\",\"endorsements\":[\"msteams\"]}]}";
        registry.add("bot.teams.token-endpoint", () -> connector.url() + "token");
        registry.add("bot.teams.open-id-metadata-url", () -> connector.url() + "openid");
    }

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;
    @Autowired
    uk.ectmentor.core.delivery.OrderedWork work;
    @Autowired
    BotFrameworkPort framework;
    @Autowired
    ConversationRefStore refs;
    @Autowired
    AdaptiveCardRenderer renderer;
    TeamsChannel channel;

    @BeforeEach
    void setUp() {
        channel = new TeamsChannel(port, connector, bot.clock, TeamsChannel.Press.EXECUTE, work);
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    private ObjectNode hello() {
        ObjectNode activity = channel.activity("alex", "message");
        activity.put("text", "help");
        return activity;
    }

    private JWTCreator.Builder token() {
        Instant now = Instant.now();
        return JWT.create().withKeyId(KID).withIssuer("https://api.botframework.com").withAudience("test-app-id")
                .withClaim("serviceurl", connector.url()).withNotBefore(Date.from(now.minusSeconds(60)))
                .withExpiresAt(Date.from(now.plusSeconds(600)));
    }

    private static Algorithm signedBy(KeyPair key) {
        return Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate());
    }

    @Test
    void aSignedRequestIsHandledAndTheBotAuthenticatesToTheConnector() {
        int before = connector.activities().size();
        assertThat(channel.post(hello(), "Bearer " + token().sign(signedBy(channelKey))).statusCode()).isEqualTo(200);
        List<FakeConnector.Received> sent = connector.activities().subList(before, connector.activities().size());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).authorization()).startsWith("Bearer fake-token-");
        assertThat(connector.tokenRequests).isNotEmpty().allSatisfy(form -> {
            assertThat(form).contains("grant_type=client_credentials").contains("client_id=test-app-id")
                    .contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default");
        });

        TeamsSender sender = new TeamsSender(framework, refs, renderer, bot.clock, bot.clock::advance, new Random(1));
        int mid = connector.activities().size();
        assertThat(sender.send(TeamsTestApp.teamsUser("alex"), List.of(Message.text("nudge"))).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(connector.activities().get(mid).authorization()).startsWith("Bearer fake-token-");
        assertThat(connector.tokenRequests).as("the token is cached, not fetched per message").hasSize(1);
    }

    @Test
    void requestsThatAreNotSignedByTheChannelAre401s() {
        int before = connector.activities().size();
        assertThat(channel.post(hello(), null).statusCode()).as("no header").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer " + token().sign(Algorithm.none())).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer " + token().sign(signedBy(forgerKey))).statusCode()).as("forged").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer " + token().withAudience("another-bot").sign(signedBy(channelKey))).statusCode())
                .as("another bot's token").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer " + token().withIssuer("https://evil.example").sign(signedBy(channelKey))).statusCode())
                .as("wrong issuer").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer " + token().withExpiresAt(Date.from(Instant.now().minusSeconds(3600)))
                .sign(signedBy(channelKey))).statusCode()).as("expired").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer " + token().withClaim("serviceurl", "https://elsewhere.example/")
                .sign(signedBy(channelKey))).statusCode()).as("for another service url").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer abc.def").statusCode()).as("malformed").isEqualTo(401);
        assertThat(channel.post(hello(), "Bearer").statusCode()).as("empty bearer").isEqualTo(401);
        assertThat(connector.activities()).as("nothing was handled").hasSize(before);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
