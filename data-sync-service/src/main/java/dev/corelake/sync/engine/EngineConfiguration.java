package dev.corelake.sync.engine;

import java.time.Clock;

import dev.corelake.lake.Lake;
import dev.corelake.sync.catalog.CatalogClient;
import dev.corelake.sync.format.ParquetPartWriter;
import dev.corelake.sync.job.JobRepository;
import dev.corelake.sync.net.FileGuard;
import dev.corelake.sync.net.JdbcGuard;
import dev.corelake.sync.net.UrlFetcher;
import dev.corelake.sync.run.RunRepository;
import dev.corelake.sync.schedule.JobScheduler;
import dev.corelake.sync.source.SecretResolver;
import dev.corelake.sync.source.SourceRepository;
import dev.corelake.sync.system.BackpressureProperties;
import dev.corelake.sync.system.ParquetSettingsProperties;
import dev.corelake.sync.system.RunProperties;
import dev.corelake.sync.system.SourcePolicyProperties;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the engine.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HeapPressure heapPressure(BackpressureProperties properties, ObjectProvider<MeterRegistry> registry) {
		return new HeapPressure(properties, HeapPressure::afterGcFraction,
				registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
	}

	@Bean
	SyncEngine syncEngine(RunRepository runs, JobRepository jobs, SourceRepository sources, Lake lake,
			JdbcGuard jdbcGuard, SecretResolver secrets, FileGuard files, UrlFetcher urls, HeapPressure heap,
			SourcePolicyProperties sourcePolicy, RunProperties properties, ParquetSettingsProperties parquet,
			JsonMapper json, Clock clock, PlatformTransactionManager transactionManager, JobScheduler scheduler,
			CatalogClient catalog, ObjectProvider<MeterRegistry> registry) {
		return new SyncEngine(new SyncEngine.Parts(runs, jobs, sources, lake,
				new JdbcPuller(jdbcGuard, secrets, sourcePolicy.jdbc().fetchSize(), sourcePolicy.jdbc().postgresCopy()),
				new FilePuller(files, urls, sourcePolicy.maxRecordBytes()), heap, properties,
				new ParquetPartWriter.Settings(parquet.rowGroupBytes(), parquet.pageBytes(), parquet.compression(),
						parquet.dictionary()),
				json, clock, new TransactionTemplate(transactionManager), scheduler, catalog,
				registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)));
	}

}
