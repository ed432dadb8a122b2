package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** MICROSOFT_APP_TYPE and friends: single-tenant by default when a tenant is given, MSI refused with a reason. */
class TeamsPropertiesTest {

    private static TeamsProperties props(String appId, String tenant, String type) {
        return new TeamsProperties(appId, "secret", tenant, type, null, null);
    }

    @Test
    void singleTenantTakesTokensFromItsOwnTenant() {
        TeamsProperties p = props("app", "contoso-tenant", "SingleTenant");
        assertThat(p.authenticated()).isTrue();
        assertThat(p.type()).isEqualTo("SingleTenant");
        assertThat(p.tokenUri()).isEqualTo(URI.create("https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token"));
        assertThat(props("app", "contoso-tenant", "").type()).as("the default with a tenant").isEqualTo("SingleTenant");
        assertThat(props("app", "contoso-tenant", "singletenant").type()).isEqualTo("SingleTenant");
    }

    @Test
    void multiTenantUsesTheBotFrameworkTenant() {
        assertThat(props("app", null, "MultiTenant").tokenUri())
                .isEqualTo(URI.create("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"));
        assertThat(props("app", "", null).type()).isEqualTo("MultiTenant");
    }

    @Test
    void unsupportedOrIncompleteSettingsAreRefusedWithAReason() {
        assertThatThrownBy(() -> props("app", "t", "UserAssignedMSI").type()).hasMessageContaining("SingleTenant with a client secret");
        assertThatThrownBy(() -> props("app", null, "SingleTenant").type()).hasMessageContaining("MICROSOFT_APP_TENANT_ID");
        assertThatThrownBy(() -> props("app", "t", "Personal").type()).hasMessageContaining("SingleTenant or MultiTenant");
    }

    @Test
    void noAppIdMeansUnauthenticated() {
        assertThat(props(null, null, null).authenticated()).isFalse();
        assertThat(props("  ", null, null).authenticated()).isFalse();
    }

    @Test
    void aTokenEndpointOverrideIsUsedAsGiven() {
        assertThat(new TeamsProperties("app", "s", "t", "SingleTenant", " http://127.0.0.1:1/token ", null).tokenUri())
                .isEqualTo(URI.create("http://127.0.0.1:1/token"));
    }
}
