package com.ecommerce.product;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code stock_movements} ledger. A movement is written after the change it records has been made, as a record of
 * it, never as part of it: stock correctness rests on the product document alone.
 */
interface StockMovementRepository extends MongoRepository<StockMovement, String> {

	Page<StockMovement> findByProductId(String productId, Pageable pageable);

}
