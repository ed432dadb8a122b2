package uk.ectmentor.adapters.teams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The retired Bot Framework SDK stays behind {@link BotFrameworkPort}: only the Sdk* classes touch it (or
 * the libraries it brings), so replacing it means replacing those classes and nothing else.
 */
class SdkBoundaryTest {
    private final JavaClasses adapter = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.ectmentor.adapters.teams");

    @Test
    void onlyTheSdkClassesUseTheSdk() {
        noClasses().that().haveSimpleNameNotStartingWith("Sdk")
                .should().dependOnClassesThat().resideInAnyPackage("com.microsoft..", "okhttp3..", "retrofit2..", "com.auth0..")
                .check(adapter);
    }
}
