package com.ecommerce.gateway;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The load balancer of each upstream service ({@code lb://customer-service}, …): round robin (Spring Cloud
 * LoadBalancer's default) over the instances of {@code gateway.upstreams.<service>}, each checked at {@code /readyz}
 * on its API port every {@code spring.cloud.loadbalancer.health-check.interval}, less what {@link InstancesToTry}
 * leaves out. Spring Cloud makes one context per service from this class, which is why it is no
 * {@code @Configuration} of the application's own.
 */
class UpstreamLoadBalancing {

	@Bean
	ServiceInstanceListSupplier upstreamInstances(ConfigurableApplicationContext context, Environment environment,
			GatewayProperties properties, SuspectInstances suspects, WebClient.Builder web) {
		String service = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		Upstream upstream = Upstream.of(service, properties.upstreams().get(service));
		return ServiceInstanceListSupplier.builder()
			.withBase(upstream)
			.withHealthChecks(web.build())
			.with((ignored, healthy) -> new InstancesToTry(healthy, upstream.instances(), suspects))
			.build(context);
	}

}
