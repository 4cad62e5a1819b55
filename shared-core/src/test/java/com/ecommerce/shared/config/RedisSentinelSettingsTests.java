package com.ecommerce.shared.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** REDIS_SENTINEL_MASTER and REDIS_SENTINEL_NODES, mapped onto Boot's Sentinel settings for every application. */
class RedisSentinelSettingsTests {

	@Test
	void sentinelMasterAndNodesMapOntoBootsSentinelSettings() {
		MockEnvironment environment = withSettings(new MockEnvironment().withProperty("REDIS_SENTINEL_MASTER", "mymaster")
			.withProperty("REDIS_SENTINEL_NODES", "sentinel-0:26379,sentinel-1:26379, sentinel-2:26379"));

		Binder binder = Binder.get(environment);
		assertThat(binder.bind("spring.data.redis.sentinel.master", String.class).get()).isEqualTo("mymaster");
		assertThat(binder.bind("spring.data.redis.sentinel.nodes", Bindable.listOf(String.class)).get())
			.containsExactly("sentinel-0:26379", "sentinel-1:26379", "sentinel-2:26379");
	}

	@Test
	void withoutThemRedisIsNotSentinels() {
		MockEnvironment environment = withSettings(new MockEnvironment().withProperty("REDIS_HOST", "cache"));

		assertThat(environment.containsProperty("spring.data.redis.sentinel.master")).isFalse();
		assertThat(environment.containsProperty("spring.data.redis.sentinel.nodes")).isFalse();
	}

	@Test
	void sentinelNeedsBothMasterAndNodes() {
		assertThat(withSettings(new MockEnvironment().withProperty("REDIS_SENTINEL_MASTER", "mymaster"))
			.containsProperty("spring.data.redis.sentinel.master")).isFalse();
		assertThat(withSettings(new MockEnvironment().withProperty("REDIS_SENTINEL_NODES", "s:26379"))
			.containsProperty("spring.data.redis.sentinel.nodes")).isFalse();
		assertThat(withSettings(new MockEnvironment().withProperty("REDIS_SENTINEL_MASTER", "")
			.withProperty("REDIS_SENTINEL_NODES", "s:26379")).containsProperty("spring.data.redis.sentinel.nodes"))
			.isFalse();
	}

	@Test
	void anApplicationsOwnSentinelSettingsWin() {
		MockEnvironment environment = withSettings(new MockEnvironment()
			.withProperty("spring.data.redis.sentinel.master", "own")
			.withProperty("REDIS_SENTINEL_MASTER", "mymaster")
			.withProperty("REDIS_SENTINEL_NODES", "s:26379"));

		assertThat(environment.getProperty("spring.data.redis.sentinel.master")).isEqualTo("own");
	}

	/** Registered in spring.factories: the gateway, which has no shared-lib, gets it as the services do. */
	@Test
	void everyApplicationWithSharedCoreGetsThem() {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(
				Map.of("REDIS_SENTINEL_MASTER", "mymaster", "REDIS_SENTINEL_NODES", "sentinel-0:26379"));
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("spring.data.redis.sentinel.master")).isEqualTo("mymaster");
			assertThat(context.getEnvironment().getProperty("spring.data.redis.sentinel.nodes"))
				.isEqualTo("sentinel-0:26379");
		}
	}

	private static MockEnvironment withSettings(MockEnvironment environment) {
		new RedisSentinelSettings().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
