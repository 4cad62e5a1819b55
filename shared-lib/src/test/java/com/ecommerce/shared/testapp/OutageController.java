package com.ecommerce.shared.testapp;

import java.time.Duration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.error.ApiException;
import com.ecommerce.shared.error.ErrorCode;
import com.ecommerce.shared.http.ServiceUnavailableException;

@RestController
@RequestMapping("/api/v1/outages")
class OutageController {

	@GetMapping("/downstream")
	void downstream() {
		throw new ServiceUnavailableException("product-service", "product-service is unavailable (circuit open)",
				Duration.ofMillis(2500), false, true);
	}

	@GetMapping("/other")
	void other() {
		throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Something is unavailable");
	}

}
