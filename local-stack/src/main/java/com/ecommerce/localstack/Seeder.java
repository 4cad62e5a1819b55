package com.ecommerce.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the seed's customers ({@code cust_001}…) and products ({@code prod_001}…) of {@code seed/seed-data.json}
 * into MongoDB as the services store them. Idempotent: a document that exists is left as it is (its stock may have
 * moved since), only missing ones are inserted. The one seeder: {@code scripts/stack} runs it, and so does docker
 * compose's one-shot {@code seed} service ({@code local-stack seed MONGODB_URI SEED_FILE}).
 */
final class Seeder {

	private static final Logger log = LoggerFactory.getLogger(Seeder.class);

	private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

	private Seeder() {
	}

	/** @return how many documents were inserted */
	static int seed(String mongoUri, Path seedFile) throws IOException {
		Document seed = Document.parse(Files.readString(seedFile));
		try (MongoClient client = MongoClients.create(mongoUri)) {
			MongoDatabase database = client.getDatabase(databaseOf(mongoUri));
			int inserted = insertMissing(database.getCollection("customers"), seed.getList("customers", Document.class),
					"customerId", Seeder::customer);
			inserted += insertMissing(database.getCollection("products"), seed.getList("products", Document.class),
					"productId", Seeder::product);
			log.info("seed: {} documents inserted into {} (the others were there already)", inserted,
					database.getName());
			return inserted;
		}
	}

	private static int insertMissing(MongoCollection<Document> collection, List<Document> items, String idField,
			java.util.function.Function<Document, Document> stored) {
		int inserted = 0;
		for (Document item : items) {
			Document document = stored.apply(item);
			Bson onInsert = Updates.combine(document.entrySet()
				.stream()
				.filter((field) -> !field.getKey().equals("_id"))
				.map((field) -> Updates.setOnInsert(field.getKey(), field.getValue()))
				.toList());
			if (collection.updateOne(Filters.eq("_id", item.getString(idField)), onInsert, UPSERT)
				.getUpsertedId() != null) {
				inserted++;
			}
		}
		return inserted;
	}

	private static Document customer(Document seed) {
		Date now = new Date();
		return new Document("_id", seed.getString("customerId")).append("firstName", seed.getString("firstName"))
			.append("lastName", seed.getString("lastName"))
			.append("email", seed.getString("email").toLowerCase(java.util.Locale.ROOT))
			.append("phone", seed.getString("phone"))
			.append("address", seed.get("address", Document.class))
			.append("createdAt", now)
			.append("updatedAt", now)
			.append("version", 0L);
	}

	private static Document product(Document seed) {
		Date now = new Date();
		Document product = new Document("_id", seed.getString("productId")).append("name", seed.getString("name"))
			.append("description", seed.getString("description"))
			.append("price", ((Number) seed.get("price")).longValue())
			.append("category", seed.getString("category"))
			.append("brand", seed.getString("brand"))
			.append("stock", ((Number) seed.get("stock")).intValue())
			.append("reservedStock", 0);
		if (seed.get("weight") != null) {
			product.append("weight", ((Number) seed.get("weight")).doubleValue());
		}
		// Stored only when the seed has them, as the service does.
		for (String field : List.of("dimensions", "specifications", "images")) {
			if (seed.get(field) != null) {
				product.append(field, seed.get(field));
			}
		}
		return product.append("active", true)
			.append("createdAt", now)
			.append("updatedAt", now)
			.append("version", 0L)
			.append("reservations", List.of());
	}

	/** The database named in the URI's path, as the services read it ({@code ecommerce} when none). */
	static String databaseOf(String mongoUri) {
		String database = new com.mongodb.ConnectionString(mongoUri).getDatabase();
		return (database != null && !database.isBlank()) ? database : "ecommerce";
	}

}
