package com.ecommerce.infrastructure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, with queries served by indexes as a real MongoDB serves them. The library uses an
 * index only for a query that names exactly the index's fields, and keeps no non-unique index at all (it accepts one
 * and ignores it), so a guarded write of the services ({@code {_id: "ord_…", orderStatus: {$in: […]}}}) or a job's
 * query on an indexed instant read and matched every document of the collection: the embedded MongoDB's cost grew
 * with its data. Here a query takes its candidates from an index whenever one can say which documents may match:
 * <ul>
 * <li>a unique index (the {@code _id} index among them) whose every field the query gives a value: one document;</li>
 * <li>otherwise a non-unique index ({@link SecondaryIndex}) whose first field the query compares by equality,
 * {@code $in} or a range: the fewest candidates of those that can.</li>
 * </ul>
 * The query's other conditions, its sort and its limit are applied to the candidates alone. Conditions count at the
 * top level and inside a top-level {@code $and}. An aggregation starting with {@code $match} (Spring Data's count)
 * takes that stage's documents the same way. Whatever no index serves reads every document, as before.
 * {@link CollectionScans} counts those scans, and the documents every query read. Same file format: data written by
 * the plain backend is read as it is.
 */
final class IdLookupH2Backend extends H2Backend {

	IdLookupH2Backend(String fileName) {
		super(fileName);
	}

	private IdLookupH2Backend(MVStore store) {
		super(store);
	}

	/** Data in memory only (the tests' store): the same backend as the local stack's file. */
	static IdLookupH2Backend inMemoryStore() {
		return new IdLookupH2Backend(MVStore.open(null));
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
			return new IndexedCollection(this, collectionName, options, data, meta);
		}

		@Override
		protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
				List<IndexKey> keys, boolean sparse) {
			return new SecondaryIndex(indexName, keys, sparse);
		}

		@Override
		public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
				Oplog oplog) {
			if (command.equalsIgnoreCase("aggregate")) {
				Document answer = aggregateFromMatch(query, resolver, oplog);
				if (answer != null) {
					clearLastStatus(channel);
					return answer;
				}
			}
			return super.handleCommand(channel, command, query, resolver, oplog);
		}

		/**
		 * Runs an aggregation whose first stage is a {@code $match} on that stage's query, served like any query,
		 * then the other stages; null for any other (the library then reads the whole collection into the pipeline).
		 */
		private Document aggregateFromMatch(Document command, DatabaseResolver resolver, Oplog oplog) {
			if (!(command.get("aggregate") instanceof String name) || command.containsKey("let")) {
				return null;
			}
			List<Document> pipeline = Aggregation.parse(command.get("pipeline"));
			if (pipeline.isEmpty() || pipeline.getFirst().size() != 1
					|| !(pipeline.getFirst().get("$match") instanceof Document match)
					|| pipeline.stream().anyMatch((stage) -> stage.containsKey("$changeStream"))) {
				return null;
			}
			MongoCollection<Object> collection = resolveCollection(name, false);
			if (collection == null) {
				return null;
			}
			Aggregation rest = Aggregation.fromPipeline(pipeline.subList(1, pipeline.size()), resolver, this,
					collection, oplog);
			rest.validate(command);
			// Wrapped in "query", so that a field of that name in the filter is not taken for the wrapper.
			QueryResult matched = collection.handleQuery(new QueryParameters(new Document("query", match), 0, 0));
			List<Document> result = rest.runStages(StreamSupport.stream(matched.spliterator(), false));
			Document cursor = new Document("id", 0L).append("ns", getFullCollectionNamespace(name))
				.append("firstBatch", result);
			return new Document("cursor", cursor).append("ok", 1.0);
		}

	}

	private final class IndexedCollection extends H2Collection {

		IndexedCollection(MongoDatabase database, String name, CollectionOptions options,
				MVMap<Object, Document> data, MVMap<String, Object> meta) {
			super(database, name, options, data, meta, getCursorRegistry());
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			Collection<Object> candidates = query.isEmpty() ? null : candidates(query);
			if (candidates != null) {
				CollectionScans.examined(getFullName(), candidates.size());
				return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
			}
			if (query.isEmpty()) {
				CollectionScans.examined(getFullName(), count());
			}
			else {
				CollectionScans.scanned(getFullName(), count());
			}
			return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}

		/** Builds a new non-unique index in one pass; the library reads every document twice (once to check). */
		@Override
		public void addIndex(Index<Object> index) {
			if (index instanceof SecondaryIndex && index.isEmpty()
					&& getIndexes().stream().noneMatch((existing) -> existing.getName().equals(index.getName()))) {
				streamAllDocumentsWithPosition()
					.forEach((stored) -> index.add(stored.getDocument(), stored.getPosition(), this));
			}
			super.addIndex(index);
		}

		/** The documents an index says may match the query, or null when no index can say. */
		private Collection<Object> candidates(Document query) {
			Map<String, Object> conditions = conditions(query, new LinkedHashMap<>());
			for (Index<Object> index : getIndexes()) {
				if (index.isUnique()) {
					Document values = valuesFor(index, conditions);
					if (values != null && index.canHandle(values)) {
						List<Object> positions = new ArrayList<>();
						index.getPositions(values).forEach(positions::add);
						return positions;
					}
				}
			}
			SecondaryIndex.Lookup fewest = null;
			for (Index<Object> index : getIndexes()) {
				if (index instanceof SecondaryIndex secondary) {
					SecondaryIndex.Lookup found = secondary.lookup(conditions);
					if (found != null && (fewest == null || found.size() < fewest.size())) {
						fewest = found;
					}
				}
			}
			return (fewest != null) ? fewest.positions() : null;
		}

		/** The query's conditions on single fields, each a conjunct, the first one kept when a field has several. */
		private static Map<String, Object> conditions(Document query, Map<String, Object> conditions) {
			for (Map.Entry<String, Object> condition : query.entrySet()) {
				String field = condition.getKey();
				if (field.equals("$and") && condition.getValue() instanceof Collection<?> parts) {
					for (Object part : parts) {
						if (part instanceof Document subquery) {
							conditions(subquery, conditions);
						}
					}
				}
				else if (!field.startsWith("$") && !conditions.containsKey(field)) {
					conditions.put(field, condition.getValue());
				}
			}
			return conditions;
		}

		/** The query's condition on each field of the index, or null when it leaves one out. */
		private static Document valuesFor(Index<Object> index, Map<String, Object> conditions) {
			Document values = new Document();
			for (IndexKey key : index.getKeys()) {
				if (!conditions.containsKey(key.getKey())) {
					return null;
				}
				values.put(key.getKey(), conditions.get(key.getKey()));
			}
			return values;
		}

	}

}
