package com.ecommerce.product;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.RequestIds;

/**
 * The {@code stock_movements} ledger. It is written after the change it records has been made, as a record of it,
 * never as part of it: stock correctness rests on the product document alone.
 */
@Repository
class StockMovements implements InitializingBean {

	// Ids are time-ordered, so they break ties between movements of the same millisecond.
	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(StockMovement.AT), Sort.Order.desc("_id"));

	private final MongoTemplate mongo;

	StockMovements(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(StockMovement.class)
			.createIndex(new Index().on(StockMovement.PRODUCT_ID, Sort.Direction.ASC)
				.on(StockMovement.AT, Sort.Direction.DESC)
				.named("productId_at_desc"));
	}

	StockMovement record(Product product, String orderId, StockMovement.Type type, int quantity) {
		return this.mongo.insert(new StockMovement(Ids.objectId(), product.productId(), orderId, type, quantity,
				product.stock(), Times.now(), RequestIds.current()));
	}

	List<StockMovement> find(String productId, PageQuery paging) {
		return this.mongo.find(ofProduct(productId).with(NEWEST_FIRST).skip(paging.offset()).limit(paging.limit()),
				StockMovement.class);
	}

	long count(String productId) {
		return this.mongo.count(ofProduct(productId), StockMovement.class);
	}

	private static Query ofProduct(String productId) {
		return Query.query(Criteria.where(StockMovement.PRODUCT_ID).is(productId));
	}

}
