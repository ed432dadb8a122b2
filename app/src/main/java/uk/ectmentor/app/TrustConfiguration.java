package uk.ectmentor.app;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import uk.ectmentor.core.rights.RetentionJob;
import uk.ectmentor.core.storage.MongoStorage;

/** Housekeeping for data rights: the retention job, for the scheduler to run (daily is plenty). */
@Configuration(proxyBeanMethods = false)
class TrustConfiguration {
    @Bean
    RetentionJob retentionJob(MongoStorage storage, Clock clock, @Value("${bot.retention-months:72}") int months) {
        return new RetentionJob(storage.retention(), storage.personalData(), storage.auditTrail(), clock, months);
    }
}
