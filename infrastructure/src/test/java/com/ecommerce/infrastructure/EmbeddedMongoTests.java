package com.ecommerce.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

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
		CollectionScans.reset();

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
		assertThat(CollectionScans.count("orders")).isZero();
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

	@Test
	void aRangeOnANonUniqueIndexIsServedByItAndFindsExactlyTheMatchingDocuments() {
		mongo = EmbeddedMongo.inMemory(0).start();
		MongoCollection<Document> orders = collection(mongo, "range_orders");
		orders.createIndex(Indexes.ascending("recoverAt"), new IndexOptions().sparse(true));
		Instant now = Instant.parse("2025-01-01T00:00:00Z");
		for (int i = 0; i < 10; i++) {
			Document order = new Document("_id", "o" + i).append("n", i);
			if (i % 2 == 0) {
				order.append("recoverAt", Date.from(now.plusSeconds(i - 5)));
			}
			orders.insertOne(order);
		}
		// A value of another type sorts elsewhere, and a comparison with an instant never matches it.
		orders.insertOne(new Document("_id", "text").append("recoverAt", "2024"));
		CollectionScans.reset();

		List<String> due = ids(orders.find(Filters.lte("recoverAt", Date.from(now))).sort(Sorts.ascending("recoverAt")));
		// The three due ones, and not the others, the documents without the field nor the text.
		assertThat(CollectionScans.examined("test", "range_orders")).isEqualTo(3);
		Document first = orders.findOneAndUpdate(Filters.lte("recoverAt", Date.from(now)),
				Updates.set("recoverAt", Date.from(now.plusSeconds(60))),
				new com.mongodb.client.model.FindOneAndUpdateOptions().sort(Sorts.ascending("recoverAt")));
		List<String> stillDue = ids(orders.find(Filters.lte("recoverAt", Date.from(now))).sort(Sorts.ascending("recoverAt")));
		orders.updateOne(Filters.eq("_id", "o4"), Updates.unset("recoverAt"));
		orders.deleteOne(Filters.eq("_id", "o2"));
		long between = orders.countDocuments(Filters.and(Filters.gt("recoverAt", Date.from(now.minusSeconds(10))),
				Filters.lt("recoverAt", Date.from(now.plusSeconds(10)))));

		assertThat(due).containsExactly("o0", "o2", "o4");
		assertThat(first.getString("_id")).isEqualTo("o0");
		assertThat(stillDue).containsExactly("o2", "o4");
		assertThat(between).isEqualTo(2); // o6 and o8: o0 moved 60 s on, o2 is gone, o4 has none
		assertThat(CollectionScans.count("range_orders")).isZero();
	}

	@Test
	void equalityAndInOnNonUniqueIndexesAreServedAndTheFewestCandidatesWin() {
		mongo = EmbeddedMongo.inMemory(0).start();
		MongoCollection<Document> payments = collection(mongo, "eq_payments");
		payments.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("createdAt")));
		payments.createIndex(Indexes.compoundIndex(Indexes.ascending("orderId"), Indexes.descending("createdAt")));
		payments.createIndex(Indexes.ascending("pendingEvents"));
		List<Document> all = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			all.add(new Document("_id", "p" + i).append("orderId", "ord" + (i % 5))
				.append("status", (i % 4 == 0) ? "failed" : "completed")
				.append("pendingEvents", (i == 7) ? 1 : 0)
				.append("createdAt", Date.from(Instant.EPOCH.plusSeconds(i))));
		}
		payments.insertMany(all);
		CollectionScans.reset();

		assertThat(ids(payments.find(Filters.and(Filters.eq("orderId", "ord2"), Filters.eq("status", "completed")))
			.sort(Sorts.descending("createdAt")))).containsExactly("p17", "p7", "p2");
		assertThat(ids(payments.find(Filters.in("status", "failed")).sort(Sorts.ascending("_id"))))
			.containsExactly("p0", "p12", "p16", "p4", "p8");
		assertThat(ids(payments.find(Filters.gt("pendingEvents", 0)))).containsExactly("p7");
		assertThat(payments.countDocuments(Filters.eq("orderId", "ord1"))).isEqualTo(4);
		assertThat(CollectionScans.count("eq_payments")).isZero();

		// No index on amount: read whole, and counted; a query without a condition is a scan by design.
		assertThat(payments.countDocuments(Filters.eq("amount", 5))).isZero();
		assertThat(payments.find().into(new ArrayList<>())).hasSize(20);
		assertThat(CollectionScans.count("eq_payments")).isEqualTo(1);
		assertThat(CollectionScans.count("test", "eq_payments")).isEqualTo(1);
		assertThat(CollectionScans.snapshot()).containsEntry("test.eq_payments", 1L);
	}

	@Test
	void aNonUniqueIndexIsRebuiltWhenTheFileIsOpenedAgain(@TempDir Path dir) {
		Path file = dir.resolve("data.mv");
		mongo = EmbeddedMongo.onDisk(file, 0).start();
		MongoCollection<Document> keys = collection(mongo, "reopened_keys");
		keys.createIndex(Indexes.ascending("expiresAt"));
		keys.insertOne(new Document("_id", "k1").append("expiresAt", Date.from(Instant.EPOCH)));
		keys.insertOne(new Document("_id", "k2").append("expiresAt", Date.from(Instant.EPOCH.plusSeconds(100))));
		client.close();
		client = null;
		mongo.stop();

		mongo = EmbeddedMongo.onDisk(file, 0).start();
		keys = collection(mongo, "reopened_keys");
		CollectionScans.reset();

		assertThat(keys.deleteMany(Filters.lt("expiresAt", Date.from(Instant.EPOCH.plusSeconds(50)))).getDeletedCount())
			.isEqualTo(1);
		assertThat(ids(keys.find(Filters.gte("expiresAt", Date.from(Instant.EPOCH))))).containsExactly("k2");
		assertThat(CollectionScans.count("reopened_keys")).isZero();
	}

	private static List<String> ids(Iterable<Document> documents) {
		List<String> ids = new ArrayList<>();
		documents.forEach((document) -> ids.add(document.getString("_id")));
		return ids;
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
