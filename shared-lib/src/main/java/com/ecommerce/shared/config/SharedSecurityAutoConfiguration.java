package com.ecommerce.shared.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.error.ErrorWriter;
import com.ecommerce.shared.error.FieldError;
import com.ecommerce.shared.http.ServiceCredentials;
import com.ecommerce.shared.security.AccessRules;
import com.ecommerce.shared.security.ApiSecurity;
import com.ecommerce.shared.security.VerifiedTokens;

/**
 * Every service checks access tokens the same way ({@link ApiSecurity}); what differs is its table of route rules, an
 * {@link AccessRules} bean. A service without one opens nothing but its probes. Runs before Boot's security
 * auto-configuration so that Boot's default chain (a login form, a generated password) never exists.
 * <p>
 * A service that calls others (order-service) brings Spring Security's OAuth2 client and registers its own
 * client-credentials client as {@code spring.security.oauth2.client.registration.<ecommerce.security.client-registration>};
 * its calls then carry its own token ({@link ServiceCredentials}).
 */
@AutoConfiguration(after = SharedAutoConfiguration.class,
		afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
		beforeName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@EnableWebSecurity
public class SharedSecurityAutoConfiguration {

	/** After any chain a service adds for a path of its own (auth-service's token endpoints). */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 10)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ObjectProvider<AccessRules> access,
			Environment environment, ErrorWriter errors) throws Exception {
		return ApiSecurity.filterChain(http, access.getIfAvailable(AccessRules::none), onManagementPort(environment),
				errors);
	}

	/** Boot's decoder (auth-service's key set, the issuer), behind the tokens it has already verified. */
	@Bean
	static BeanPostProcessor verifiedTokens() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens))
						? new VerifiedTokens(decoder, Clock.systemUTC()) : bean;
			}

		};
	}

	/** Ports are known only once the servers listen (random in tests): read when a request comes. */
	static RequestMatcher onManagementPort(Environment environment) {
		return (request) -> {
			Integer management = environment.getProperty("local.management.port", Integer.class);
			Integer api = environment.getProperty("local.server.port", Integer.class);
			return management != null && !management.equals(api) && request.getLocalPort() == management;
		};
	}

	/**
	 * Spring Security's firewall refuses request paths that could be read two ways (encoded slashes, semicolons, dot
	 * segments) before any controller sees them; this answers those refusals in the API's envelope, naming the path.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(ErrorWriter errors) {
		return (request, response, ex) -> errors.write(response, ErrorCode.VALIDATION_ERROR,
				"The request path contains characters that are not allowed",
				Map.of("errors", List.of(new FieldError("path", "must not contain encoded or special characters"))));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AuthorizedClientServiceOAuth2AuthorizedClientManager.class, RestClientCustomizer.class })
	@ConditionalOnBean({ ClientRegistrationRepository.class, OAuth2AuthorizedClientService.class })
	static class ServiceCredentialsSetup {

		/** Renewed a minute before it runs out, so a call never leaves with a token that expires on the way. */
		private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

		@Bean
		ServiceCredentials serviceCredentials(ClientRegistrationRepository registrations,
				OAuth2AuthorizedClientService tokens,
				@Value("${ecommerce.security.client-registration:service}") String registrationId) {
			var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, tokens);
			manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
				.clientCredentials((credentials) -> credentials.clockSkew(RENEW_BEFORE))
				.build());
			return new ServiceCredentials(manager, tokens, registrationId, RENEW_BEFORE, Clock.systemUTC());
		}

		@Bean
		RestClientCustomizer serviceCredentialsOnRestClients(ServiceCredentials credentials) {
			return (builder) -> builder.requestInterceptor(credentials);
		}

	}

}
