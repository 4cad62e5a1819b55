package com.ecommerce.transaction;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TransactionWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(TransactionWorkerApplication.class, args);
	}

}
