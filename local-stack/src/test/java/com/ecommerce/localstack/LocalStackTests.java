package com.ecommerce.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ecommerce.infrastructure.Ports;

class LocalStackTests {

	@Test
	void startsAllThreeWithTheirDataUnderTheDataDirectoryAndStopsThem(@TempDir Path dir) {
		int mongo = Ports.freePort();
		int redis = Ports.freePort();
		int amqp = Ports.freePort();
		LocalStack stack = new LocalStack(dir);
		try {
			stack.start(mongo, redis, amqp);

			assertThat(stack.running()).isEqualTo(3);
			assertThat(Ports.isListening("127.0.0.1", mongo)).isTrue();
			assertThat(Ports.isListening("127.0.0.1", redis)).isTrue();
			assertThat(Ports.isListening("127.0.0.1", amqp)).isTrue();
			assertThat(dir.resolve("mongodb/data.mv")).exists();
			assertThat(dir.resolve("redis")).isDirectory();
			assertThat(dir.resolve("rabbitmq/derby")).isDirectory();
		} finally {
			stack.stop();
		}
		assertThat(stack.running()).isZero();
		assertThat(Ports.isListening("127.0.0.1", mongo)).isFalse();
		assertThat(Ports.isListening("127.0.0.1", redis)).isFalse();
		assertThat(Ports.isListening("127.0.0.1", amqp)).isFalse();
	}

	@Test
	void leavesAPortThatAlreadyAnswersToTheServerThatIsThere(@TempDir Path dir) throws IOException {
		try (ServerSocket existingRedis = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			int mongo = Ports.freePort();
			LocalStack stack = new LocalStack(dir);
			try {
				stack.start(mongo, existingRedis.getLocalPort(), existingRedis.getLocalPort());

				assertThat(stack.running()).isEqualTo(1);
				assertThat(Ports.isListening("127.0.0.1", mongo)).isTrue();
				assertThat(dir.resolve("redis")).doesNotExist();
				assertThat(dir.resolve("rabbitmq")).doesNotExist();
			} finally {
				stack.stop();
			}
		}
	}
}
