package com.ecommerce.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

class EmbeddedMongoTests {

	private EmbeddedMongo mongo;
	private MongoClient client;

	@AfterEach
	void tearDown() {
		if (client != null) {
			client.close();
		}
		if (mongo != null) {
			mongo.stop();
		}
	}

	@Test
	void storesAndFindsDocuments() {
		mongo = EmbeddedMongo.inMemory(0).start();
		MongoCollection<Document> customers = collection(mongo, "customers");

		customers.insertOne(new Document("_id", "c1").append("name", "Ada").append("email", "ada@example.com"));

		Document found = customers.find(Filters.eq("email", "ada@example.com")).first();
		assertThat(found).isNotNull();
		assertThat(found.getString("name")).isEqualTo("Ada");
		assertThat(mongo.uri()).isEqualTo("mongodb://127.0.0.1:" + mongo.port());
	}

	@Test
	void uniqueIndexRejectsDuplicates() {
		mongo = EmbeddedMongo.inMemory(0).start();
		MongoCollection<Document> customers = collection(mongo, "customers");
		customers.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
		customers.insertOne(new Document("email", "ada@example.com"));

		assertThatThrownBy(() -> customers.insertOne(new Document("email", "ada@example.com")))
				.isInstanceOfSatisfying(MongoWriteException.class,
						e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
		assertThat(customers.countDocuments()).isEqualTo(1);
	}

	@Test
	void stopMakesClientsFailAndStartBringsTheSameServerBack() {
		mongo = EmbeddedMongo.inMemory(0).start();
		int port = mongo.port();
		MongoCollection<Document> orders = collection(mongo, "orders");
		orders.insertOne(new Document("_id", "o1").append("status", "pending"));

		mongo.stop();

		assertThat(mongo.isRunning()).isFalse();
		assertThat(Ports.isListening("127.0.0.1", port)).isFalse();
		assertThatThrownBy(() -> orders.find(Filters.eq("_id", "o1")).first()).isInstanceOf(MongoException.class);

		mongo.start();

		assertThat(mongo.port()).isEqualTo(port);
		// The driver notices the server is back on its next heartbeat.
		Document found = Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(MongoException.class)
				.until(() -> orders.find(Filters.eq("_id", "o1")).first(), doc -> doc != null);
		assertThat(found.getString("status")).isEqualTo("pending");
	}

	@Test
	void aQueryOnIdWithMoreConditionsFindsExactlyTheDocumentsMatchingAll(@TempDir Path dir) {
		mongo = EmbeddedMongo.onDisk(dir.resolve("data.mv"), 0).start();
		MongoCollection<Document> orders = collection(mongo, "orders");
		orders.insertOne(new Document("_id", "o1").append("status", "pending").append("quantity", 2));
		orders.insertOne(new Document("_id", "o2").append("status", "completed").append("quantity", 2));

		// The guarded transition of the services: found only while the condition holds.
		Document moved = orders.findOneAndUpdate(
				Filters.and(Filters.eq("_id", "o1"), Filters.in("status", "pending", "processing")),
				new Document("$set", new Document("status", "processing")));
		assertThat(moved).isNotNull();
		assertThat(orders.findOneAndUpdate(Filters.and(Filters.eq("_id", "o2"), Filters.eq("status", "pending")),
				new Document("$set", new Document("status", "failed")))).isNull();
		assertThat(orders.find(Filters.and(Filters.eq("_id", "o3"), Filters.eq("status", "pending"))).first()).isNull();
		assertThat(orders.countDocuments(Filters.and(Filters.in("_id", "o1", "o2"), Filters.gte("quantity", 2))))
			.isEqualTo(2);
		assertThat(orders.find(Filters.eq("_id", "o1")).first().getString("status")).isEqualTo("processing");
		assertThat(orders.find(Filters.eq("_id", "o2")).first().getString("status")).isEqualTo("completed");
	}

	@Test
	void readsAFileWrittenByThePlainH2Backend(@TempDir Path dir) {
		Path file = dir.resolve("data.mv");
		de.bwaldvogel.mongo.MongoServer plain = new de.bwaldvogel.mongo.MongoServer(
				new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString()));
		java.net.InetSocketAddress address = plain.bind();
		try (MongoClient writer = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
			writer.getDatabase("test").getCollection("orders").insertOne(new Document("_id", "o1").append("status", "pending"));
		}
		plain.shutdown();

		mongo = EmbeddedMongo.onDisk(file, 0).start();

		Document found = collection(mongo, "orders")
			.find(Filters.and(Filters.eq("_id", "o1"), Filters.eq("status", "pending")))
			.first();
		assertThat(found).isNotNull();
	}

	@Test
	void h2FileKeepsDataAcrossRestarts(@TempDir Path dir) {
		Path file = dir.resolve("mongodb").resolve("data.mv");
		mongo = EmbeddedMongo.onDisk(file, 0).start();
		collection(mongo, "products").insertOne(new Document("_id", "p1").append("stock", 7));
		client.close();
		client = null;
		mongo.stop();

		mongo = EmbeddedMongo.onDisk(file, 0).start();

		Document found = collection(mongo, "products").find(Filters.eq("_id", "p1")).first();
		assertThat(found).isNotNull();
		assertThat(found.getInteger("stock")).isEqualTo(7);
		assertThat(file).exists();
	}

	private MongoCollection<Document> collection(EmbeddedMongo server, String name) {
		client = MongoClients.create(MongoClientSettings.builder()
				.applyConnectionString(new ConnectionString(server.uri()))
				.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
				.applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS))
				.build());
		return client.getDatabase("test").getCollection(name);
	}
}
