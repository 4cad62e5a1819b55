package com.ecommerce.transaction;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Spring Boot's listener properties don't cover. */
@Configuration(proxyBeanMethods = false)
class ListenerSettings {

	@Bean
	ContainerCustomizer<SimpleMessageListenerContainer> transactionContainer(WorkerProperties properties) {
		return (container) -> {
			// Back on the queue soon after a broker restart (the default waits 5 s between tries).
			container.setRecoveryInterval(properties.recoveryInterval().toMillis());
			// A stopping worker finishes the writes in hand and acks them; what's left unacked is redelivered.
			container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
		};
	}

}
