package com.ecommerce.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

/**
 * The gateway on random ports, in front of the upstreams a test class starts (StubService, named in
 * {@code gateway.upstreams.*} by its {@code @DynamicPropertySource}), checking tokens against TestAuthority, with a
 * Redis of its own: the rate limit's buckets of one test context never meet another's, nor those of a stack that
 * runs on the machine's Redis. Health checks every 300 ms, so that tests of instances coming and going are short, and
 * no quiet period for Reactor Netty's event loops when a context closes (2 s each otherwise, at the JVM's exit).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.cloud.loadbalancer.health-check.interval=300ms",
				"spring.reactor.netty.shutdown-quiet-period=0s" })
@WithInfrastructure(value = Service.REDIS, ownRedis = true)
@interface GatewayTest {

}
