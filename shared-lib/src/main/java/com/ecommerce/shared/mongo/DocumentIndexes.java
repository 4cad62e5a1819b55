package com.ecommerce.shared.mongo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * Creates, at start-up, the indexes every {@code @Document} of the service declares ({@code @Indexed},
 * {@code @CompoundIndex}). The annotations on the document are the one definition of its indexes: nothing else
 * (no script, no repository) repeats them. Spring Data's own automatic index creation is deprecated; this is the
 * programmatic creation its maintainers recommend instead, done once per document type before the service serves.
 * Creating an index that exists with the same keys and options changes nothing, so every instance may do it.
 */
public class DocumentIndexes implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(DocumentIndexes.class);

	private final MongoTemplate mongo;

	public DocumentIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var mappingContext = this.mongo.getConverter().getMappingContext();
		IndexResolver resolver = IndexResolver.create(mappingContext);
		for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
			if (entity.isAnnotationPresent(Document.class)) {
				int created = 0;
				for (IndexDefinition index : resolver.resolveIndexFor(entity.getTypeInformation())) {
					this.mongo.indexOps(entity.getCollection()).createIndex(index);
					created++;
				}
				log.debug("{}: {} indexes ensured", entity.getCollection(), created);
			}
		}
	}

}
