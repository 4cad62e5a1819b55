package com.ecommerce.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.ecommerce.infrastructure.EmbeddedMongo;
import com.ecommerce.infrastructure.EmbeddedRedis;
import com.ecommerce.infrastructure.Ports;

import static org.assertj.core.api.Assertions.assertThat;

/** What scripts/stack relies on: the seed is written once, as the services store it; probes tell servers apart. */
class SeedAndProbeTests {

	private static final Path SEED = Path.of("..", "seed", "seed-data.json");

	@Test
	void seedsTheSeedsCustomersAndProductsOnceAsTheServicesStoreThem() throws IOException {
		int port = Ports.freePort();
		try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(port).start()) {
			String uri = "mongodb://127.0.0.1:" + port + "/shop";

			assertThat(Seeder.seed(uri, SEED)).isEqualTo(12);
			try (MongoClient client = MongoClients.create(uri)) {
				MongoDatabase shop = client.getDatabase("shop");
				shop.getCollection("products")
					.updateOne(new Document("_id", "prod_001"), new Document("$set", new Document("stock", 7)));

				assertThat(Seeder.seed(uri, SEED)).as("a second seed inserts nothing").isZero();
				assertThat(shop.getCollection("customers").countDocuments()).isEqualTo(5);
				Document product = shop.getCollection("products").find(new Document("_id", "prod_001")).first();
				assertThat(product.getString("name")).isEqualTo("MacBook Pro 14-inch");
				assertThat(product.get("price")).isEqualTo(199900L);
				assertThat(product.getInteger("stock")).as("a seed never resets stock").isEqualTo(7);
				assertThat(product.getBoolean("active")).isTrue();
				assertThat(product.getList("reservations", Object.class)).isEmpty();
				Document customer = shop.getCollection("customers").find(new Document("_id", "cust_003")).first();
				assertThat(customer.get("address", Document.class).getString("city")).isEqualTo("Chicago");
				assertThat(customer.get("version")).isEqualTo(0L);
			}
		}
	}

	@Test
	void probesTellAMongoDbARedisAndSomethingElseApart() throws IOException {
		int mongoPort = Ports.freePort();
		int redisPort = Ports.freePort();
		try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(mongoPort).start();
				EmbeddedRedis redis = EmbeddedRedis.inMemory(redisPort).start();
				ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(Probe.speaks("mongodb", "127.0.0.1", mongoPort)).isTrue();
			assertThat(Probe.speaks("redis", "127.0.0.1", redisPort)).isTrue();
			assertThat(Probe.speaks("redis", "127.0.0.1", mongoPort)).isFalse();
			assertThat(Probe.speaks("rabbitmq", "127.0.0.1", redisPort)).isFalse();
			assertThat(Probe.speaks("redis", "127.0.0.1", other.getLocalPort())).isFalse();
		}
	}

}
