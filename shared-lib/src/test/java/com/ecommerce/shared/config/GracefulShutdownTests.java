package com.ecommerce.shared.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.annotation.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.InfrastructureProperties;
import com.ecommerce.infrastructure.TestAuthority;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.shared.security.AccessRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance closing (what SIGTERM does) with a message and a request in hand: readiness goes down and it serves on
 * for the drain; then its AMQP consumer stops, finishing its message while the web server still accepts; then the
 * web server stops accepting, and the request in flight still gets its answer.
 */
class GracefulShutdownTests {

	private static final Duration DRAIN = Duration.ofSeconds(1);

	private static final Duration WAIT = Duration.ofSeconds(15);

	// What the instance did, in order, each with when it first happened.
	static final List<String> events = new CopyOnWriteArrayList<>();

	static final Map<String, Long> times = new ConcurrentHashMap<>();

	static final CountDownLatch messageInHand = new CountDownLatch(1);

	static final CountDownLatch finishMessage = new CountDownLatch(1);

	static final CountDownLatch requestInHand = new CountDownLatch(1);

	static final CountDownLatch finishRequest = new CountDownLatch(1);

	static void happened(String event) {
		if (times.putIfAbsent(event, System.nanoTime()) == null) {
			events.add(event);
		}
	}

	@Test
	void readinessGoesFirstThenTheConsumersThenTheWebServerAndWhatIsInHandIsFinished() throws Exception {
		ConfigurableApplicationContext context = start();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		ApiClient api = new ApiClient(port);
		AbstractMessageListenerContainer consumer = (AbstractMessageListenerContainer) context
			.getBean(RabbitListenerEndpointRegistry.class)
			.getListenerContainer("drain-test");
		assertThat(api.get("/readyz").status()).isEqualTo(200);

		context.getBean(RabbitTemplate.class).convertAndSend("", consumer.getQueueNames()[0], "work");
		assertThat(messageInHand.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/slow")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(requestInHand.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

		// The drain: readiness down, everything else serving.
		await().atMost(WAIT).until(() -> api.get("/readyz").status() == 503);
		assertThat(api.get("/api/v1/ping").body()).contains("pong");
		assertThat(consumer.isActive()).isTrue();

		// Then the consumer stops, with its message still in hand; the web server still accepts meanwhile.
		await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> !consumer.isActive());
		long consumerStopping = System.nanoTime();
		assertThat(api.get("/api/v1/ping").body()).contains("pong");
		assertThat(events).containsExactly("readiness refused");
		finishMessage.countDown();
		await().atMost(WAIT).until(() -> events.contains("consumer stopped"));

		// Then the web server stops accepting, and waits for the request in flight.
		await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> !accepts(port));
		assertThat(inFlight).isNotDone();
		finishRequest.countDown();
		HttpResponse<String> answer = inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("slow and done");

		closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(events).containsExactly("readiness refused", "message handled", "consumer stopped",
				"web server stopped");
		assertThat(Duration.ofNanos(consumerStopping - times.get("readiness refused"))).isGreaterThanOrEqualTo(DRAIN);
	}

	private static ConfigurableApplicationContext start() {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.application.name=drain-test",
				"--ecommerce.shutdown.drain=" + DRAIN.toMillis() + "ms"));
		InfrastructureProperties.of(EnumSet.allOf(Service.class))
			.forEach((key, value) -> args.add("--" + key + "=" + value));
		TestAuthority.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
		return new SpringApplicationBuilder(Instance.class).run(args.toArray(String[]::new));
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A service with a slow endpoint and a consumer, each holding what it took until the test lets it finish. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Instance {

		@Bean
		AccessRules accessRules() {
			return AccessRules.builder()
				.anyone(HttpMethod.GET, "/api/v1/slow")
				.anyone(HttpMethod.GET, "/api/v1/ping")
				.build();
		}

		@Bean
		Endpoints endpoints() {
			return new Endpoints();
		}

		@Bean
		Consumer consumer() {
			return new Consumer();
		}

		/** The servlet context goes when the web server is stopped for good. */
		@Bean
		ServletContextListener webServerStops() {
			return new ServletContextListener() {
				@Override
				public void contextDestroyed(ServletContextEvent event) {
					happened("web server stopped");
				}
			};
		}

		@EventListener
		void readiness(AvailabilityChangeEvent<ReadinessState> event) {
			if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
				happened("readiness refused");
			}
		}

		/**
		 * Stops right after the phase of the listener containers, and says whether they did stop. Looks them up only
		 * then: a bean that depends on another is stopped before it, in the other's phase.
		 */
		@Bean
		SmartLifecycle afterTheConsumers(ObjectProvider<RabbitListenerEndpointRegistry> consumers) {
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					happened(consumers.getObject().isRunning() ? "consumer still running" : "consumer stopped");
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

				@Override
				public int getPhase() {
					return Integer.MAX_VALUE - 1;
				}

			};
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/v1/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/api/v1/slow")
		String slow() throws InterruptedException {
			requestInHand.countDown();
			finishRequest.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			return "slow and done";
		}

	}

	static class Consumer {

		@RabbitListener(id = "drain-test", queuesToDeclare = @Queue)
		void onMessage(String body) throws InterruptedException {
			messageInHand.countDown();
			finishMessage.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			happened("message handled");
		}

	}

}
