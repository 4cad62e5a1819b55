package com.ecommerce.order;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

/**
 * order-service on a random port, calling the real customer, product and payment services of {@link Downstreams}.
 * Test classes extending it share one order-service context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
abstract class AgainstRealServices {

	@Autowired
	ApiClient api;

	final Downstreams services = Downstreams.get();

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry);
	}

}
