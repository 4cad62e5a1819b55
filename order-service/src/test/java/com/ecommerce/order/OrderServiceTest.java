package com.ecommerce.order;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.WithInfrastructure;
import com.ecommerce.infrastructure.WithInfrastructure.Service;

/**
 * order-service on a random port, with the real customer, product and payment services of {@link Downstreams}. A
 * subclass says how order-service reaches them ({@code Downstreams.register}, in a {@code @DynamicPropertySource}):
 * directly ({@link AgainstRealServices}) or through a {@link FaultyProxy}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithInfrastructure({ Service.MONGODB, Service.REDIS })
abstract class OrderServiceTest {

	@Autowired
	ApiClient api;

	final Downstreams services = Downstreams.get();

}
