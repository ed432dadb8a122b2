package uk.ectmentor.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ECT Mentor Bot. With no arguments it runs the bot; with a command word ({@code content},
 * {@code schedule}, ...) it runs that command and exits: see {@link CliCommands}.
 */
@SpringBootApplication(scanBasePackages = "uk.ectmentor", exclude = MongoAutoConfiguration.class)
@ConfigurationPropertiesScan("uk.ectmentor")
public class EctMentorBotApplication {

    public static void main(String[] args) {
        if (CliCommands.isCommand(args)) {
            System.exit(CliCommands.run(args, System.out, System.err));
        }
        SpringApplication.run(EctMentorBotApplication.class, args);
    }
}
