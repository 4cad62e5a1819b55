package com.ecommerce.shared.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.lettuce.core.resource.Delay;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import com.ecommerce.shared.cache.VersionedCaches;
import com.ecommerce.shared.error.ApiErrorController;
import com.ecommerce.shared.error.ApiExceptionHandler;
import com.ecommerce.shared.error.ErrorWriter;
import com.ecommerce.shared.http.RequestIdInterceptor;
import com.ecommerce.shared.http.ServiceClients;
import com.ecommerce.shared.idempotency.IdempotencyHeaders;
import com.ecommerce.shared.messaging.ConfirmedPublisher;
import com.ecommerce.shared.messaging.RequestIdMessages;
import com.ecommerce.shared.messaging.TransactionTopology;
import com.ecommerce.shared.web.ParameterPollutionFilter;
import com.ecommerce.shared.web.PayloadLimitFilter;
import com.ecommerce.shared.web.RequestIdFilter;
import com.ecommerce.shared.web.SecurityHeadersFilter;

/**
 * What a service gets by depending on shared-lib: the error model, request ids, security headers, CORS, parameter
 * pollution and body size protection, strict JSON, OpenAPI info, the set-up of the stores it brings along, and, when
 * Resilience4j and Spring Cloud LoadBalancer are present, clients for other services.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration" })
@EnableConfigurationProperties(EcommerceProperties.class)
@Import({ ApiExceptionHandler.class, ApiErrorController.class })
public class SharedAutoConfiguration {

	/** How long a lock outlives a crashed holder; the watchdog renews it every third of this while the holder lives. */
	// Filter order: ids first (so every later answer carries one), then headers, CORS, and the input guards. Only
	// Spring Boot's server observation (HIGHEST_PRECEDENCE + 1) comes before: its span, and so the trace id in the
	// MDC, must cover all of them, the request id's log line included. It answers nothing itself.
	private static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 2;

	@Bean
	StrictJson strictJson() {
		return new StrictJson();
	}

	@Bean
	ErrorWriter errorWriter(JsonMapper json) {
		return new ErrorWriter(json);
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		return filter(new RequestIdFilter(), FIRST);
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		return filter(new SecurityHeadersFilter(), FIRST + 1);
	}

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilter(EcommerceProperties properties) {
		return filter(new CorsFilter(corsSource(properties.cors().allowedOrigins())), FIRST + 2);
	}

	@Bean
	FilterRegistrationBean<ParameterPollutionFilter> parameterPollutionFilter(ErrorWriter errors) {
		return filter(new ParameterPollutionFilter(errors), FIRST + 3);
	}

	@Bean
	FilterRegistrationBean<PayloadLimitFilter> payloadLimitFilter(EcommerceProperties properties, ErrorWriter errors) {
		return filter(new PayloadLimitFilter(properties.http().maxBodySize().toBytes(), errors), FIRST + 4);
	}

	@Bean
	ShutdownDrain shutdownDrain(ApplicationContext context, ApplicationAvailability availability,
			EcommerceProperties properties) {
		return new ShutdownDrain(context, availability, properties.shutdown().drain());
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAPI openApi(@Value("${spring.application.name:service}") String name) {
		return new OpenAPI().info(new Info().title(name).version("v1"));
	}

	static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
		CorsConfiguration cors = new CorsConfiguration();
		if (origins.contains("*")) {
			cors.addAllowedOriginPattern("*");
			cors.setAllowCredentials(false); // a wildcard never comes with credentials
		}
		else {
			cors.setAllowedOrigins(origins);
			cors.setAllowCredentials(true);
		}
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.addAllowedHeader("*");
		cors.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, IdempotencyHeaders.REPLAYED));
		cors.setMaxAge(TimeUnit.HOURS.toSeconds(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> filter(F filter, int order) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ StringRedisTemplate.class, Delay.class })
	static class RedisSetup {

		/**
		 * Lettuce backs off up to 30 s between reconnects; after an outage the cache would stay unused that long.
		 */
		@Bean
		ClientResourcesBuilderCustomizer redisReconnectDelay() {
			return (resources) -> resources
				.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
		}

		@Bean
		@ConditionalOnBean(StringRedisTemplate.class)
		VersionedCaches versionedCaches(StringRedisTemplate redis, JsonMapper json, EcommerceProperties properties) {
			return new VersionedCaches(redis, json, properties.cache().ttl(), properties.cache().pauseAfterFailure());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class HttpClientSetup {

		@Bean
		RestClientCustomizer requestIdOnRestClients() {
			return (builder) -> builder.requestInterceptor(new RequestIdInterceptor());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class, CircuitBreakerRegistry.class,
			RetryRegistry.class, RoundRobinLoadBalancer.class })
	static class ServiceClientSetup {

		/** Retry and circuit breaker defaults are {@code resilience4j.*.configs.default.*} in ecommerce-defaults. */
		@Bean
		@ConditionalOnMissingBean
		ServiceClients serviceClients(RestClient.Builder builder, JsonMapper json, CircuitBreakerRegistry circuitBreakers,
				RetryRegistry retries, EcommerceProperties properties) {
			EcommerceProperties.Http.Client client = properties.http().client();
			return new ServiceClients(builder, json, circuitBreakers, retries, client.connectTimeout(),
					client.readTimeout(), client.healthCheckInterval());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RabbitTemplate.class)
	static class AmqpSetup {

		@Bean
		RabbitTemplateCustomizer requestIdOnRabbitTemplates() {
			return (template) -> template.addBeforePublishPostProcessors(RequestIdMessages.stamp());
		}

		@Bean
		@ConditionalOnBean(RabbitTemplate.class)
		@ConditionalOnMissingBean
		ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbit, EcommerceProperties properties) {
			return new ConfirmedPublisher(rabbit, properties.messaging().confirmTimeout());
		}

		/** Every service that talks AMQP declares the transaction events' exchanges and queues (see the class). */
		@Bean
		@ConditionalOnBean(ConnectionFactory.class)
		Declarables transactionTopology(ConnectionFactory connectionFactory, EcommerceProperties properties) {
			return TransactionTopology.declarables(properties.messaging().queueType(), connectionFactory);
		}

	}

}
