package com.ecommerce.order;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** order-service calling the real services directly. Test classes extending it share one order-service context. */
abstract class AgainstRealServices extends OrderServiceTest {

	@DynamicPropertySource
	static void downstreams(DynamicPropertyRegistry registry) {
		Downstreams.register(registry);
	}

}
