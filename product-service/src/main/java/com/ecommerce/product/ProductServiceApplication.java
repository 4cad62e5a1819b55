package com.ecommerce.product;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.ecommerce.shared.cache.VersionedCache;
import com.ecommerce.shared.cache.VersionedCaches;

/** Scheduling drives the expiry of reservations left open ({@link ReservationExpiry}). */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(ProductProperties.class)
public class ProductServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProductServiceApplication.class, args);
	}

	/** One cache for the catalog and the inventory: both write products, and each write must reach the reads. */
	@Bean
	VersionedCache<Product> productCache(VersionedCaches caches) {
		return caches.create("product", Product.class);
	}

}
