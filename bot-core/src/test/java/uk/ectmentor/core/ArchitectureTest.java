package uk.ectmentor.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The core stays platform-neutral: no Spring, Slack, Teams or Quartz anywhere, no Mongo driver outside storage. */
class ArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.ectmentor.core");

    @Test
    void theCoreImportsNoFrameworkOrPlatformTypes() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.slack..", "com.microsoft.bot..", "org.quartz..", "jakarta.servlet..")
                .check(core);
    }

    @Test
    void onlyTheStoragePackageTalksToMongo() {
        noClasses().that().resideOutsideOfPackage("uk.ectmentor.core.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "de.bwaldvogel..")
                .check(core);
    }
}
