package com.ecommerce.shared.mongo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.ecommerce.shared.Times;

/**
 * Brings data stored by an earlier version to today's shape at start-up, once per store: a marker in
 * {@code migrations} (its {@code _id} the migration's name) says it ran to the end, so later starts read one document
 * by id instead of looking for old documents that no index can find. A migration must be harmless to repeat and to run
 * on several instances at once; one that fails is logged and runs again at the next start.
 */
public abstract class OneTimeMigration implements ApplicationRunner {

	public static final String MIGRATIONS = "migrations";

	private final Logger log = LoggerFactory.getLogger(getClass());

	protected final MongoTemplate mongo;

	private final String name;

	protected OneTimeMigration(MongoTemplate mongo, String name) {
		this.mongo = mongo;
		this.name = name;
	}

	/** Changes what needs changing; returns how many documents it changed. */
	protected abstract int migrate();

	@Override
	public void run(ApplicationArguments args) {
		try {
			int changed = runOnce();
			if (changed > 0) {
				this.log.info("Migration {}: {} documents brought to today's shape", this.name, changed);
			}
		}
		catch (RuntimeException ex) {
			this.log.warn("Migration {} failed; it runs again at the next start: {}", this.name, ex.toString());
		}
	}

	/** Runs the migration unless it ran to the end before; how many documents it changed (0 when it had run). */
	public int runOnce() {
		Query done = Query.query(Criteria.where("_id").is(this.name));
		if (this.mongo.exists(done, MIGRATIONS)) {
			return 0;
		}
		int changed = migrate();
		this.mongo.upsert(done, Update.update("doneAt", Times.now()), MIGRATIONS);
		return changed;
	}

}
