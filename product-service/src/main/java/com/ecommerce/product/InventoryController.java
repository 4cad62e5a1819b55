package com.ecommerce.product;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

/** Stock: availability, the reservations of orders, restocks of refunded orders, and the ledger of stock movements. */
@RestController
@RequestMapping("/api/v1/products/{productId}")
@Tag(name = "Inventory")
record InventoryController(InventoryService inventoryService, RestockService restockService) {

	@GetMapping("/availability")
	ApiResponse<InventoryService.Availability> availability(@PathVariable @ResourceId String productId,
			@RequestParam(defaultValue = "1") @Min(1) @Max(ReserveRequest.MAX_QUANTITY) int quantity) {
		return ApiResponse.of(this.inventoryService.availability(productId, quantity));
	}

	@PostMapping("/reserve")
	ApiResponse<InventoryService.Reserved> reserve(@PathVariable @ResourceId String productId,
			@Valid @RequestBody ReserveRequest request) {
		return ApiResponse.of(this.inventoryService.reserve(productId, request.orderId(), request.quantity()));
	}

	@PostMapping("/release")
	ApiResponse<InventoryService.Released> release(@PathVariable @ResourceId String productId,
			@Valid @RequestBody ReleaseRequest request) {
		return ApiResponse.of(this.inventoryService.release(productId, request.orderId()));
	}

	@PostMapping("/commit")
	ApiResponse<InventoryService.Committed> commit(@PathVariable @ResourceId String productId,
			@Valid @RequestBody CommitRequest request) {
		return ApiResponse.of(this.inventoryService.commit(productId, request.orderId()));
	}

	/** Gives back to stock what a refunded order bought; once per order. */
	@PostMapping("/restock")
	ApiResponse<RestockService.Restocked> restock(@PathVariable @ResourceId String productId,
			@Valid @RequestBody RestockRequest request) {
		return ApiResponse.of(this.restockService.restock(productId, request.orderId(), request.quantity()));
	}

	@GetMapping("/movements")
	ApiResponse<List<StockMovement>> movements(@PathVariable @ResourceId String productId, @Valid PageQuery paging) {
		return ApiResponse.page(this.inventoryService.movements(productId, paging), paging);
	}

}
