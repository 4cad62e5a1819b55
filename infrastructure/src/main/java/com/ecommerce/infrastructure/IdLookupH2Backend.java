package com.ecommerce.infrastructure;

import java.util.Collection;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 backend, but a query on {@code _id} plus other conditions finds its document through the
 * {@code _id} index. The library uses an index only when a query names exactly the index's fields, so every guarded
 * write of the services ({@code {_id: "ord_…", orderStatus: {$in: […]}}}, a reserve with its stock condition) read
 * and matched every document of the collection: the embedded MongoDB's cost grew with its data, and it was half the
 * CPU of an order. Here the index finds the one candidate and the other conditions are matched on it alone, as a
 * real MongoDB would. Same file format: data written by the plain backend is read as it is.
 */
final class IdLookupH2Backend extends H2Backend {

	IdLookupH2Backend(String fileName) {
		super(fileName);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName);
	}

	// Inner, not static: H2Database's constructor already opens the collections, before a subclass could keep the
	// MVStore in a field of its own; the enclosing backend has it by then.
	private final class Database extends H2Database {

		Database(String databaseName) {
			super(databaseName, getMvStore(), getCursorRegistry());
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			// The map names are H2Database's own.
			String namespace = getFullCollectionNamespace(collectionName);
			MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace);
			MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
			return new IdLookupCollection(this, collectionName, options, data, meta);
		}

	}

	private final class IdLookupCollection extends H2Collection {

		IdLookupCollection(MongoDatabase database, String name, CollectionOptions options,
				MVMap<Object, Document> data, MVMap<String, Object> meta) {
			super(database, name, options, data, meta, getCursorRegistry());
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			Object id = query.get("_id");
			if (query.size() > 1 && isPlainValue(id)) {
				Document byId = new Document("_id", id);
				for (Index<Object> index : getIndexes()) {
					if (index.canHandle(byId)) {
						return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
								fieldSelector);
					}
				}
			}
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}

		// An operator document ({$in: …}), a list or a regular expression is not one id.
		private static boolean isPlainValue(Object id) {
			return id != null && !(id instanceof Document) && !(id instanceof Collection)
					&& !BsonRegularExpression.isRegularExpression(id);
		}

	}

}
