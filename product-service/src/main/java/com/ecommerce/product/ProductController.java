package com.ecommerce.product;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

/** The catalog: products and their lists. */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products")
record ProductController(CatalogService catalogService) {

	@PostMapping
	ResponseEntity<ApiResponse<Product>> create(@Valid @RequestBody NewProduct request) {
		Product product = this.catalogService.create(request);
		return ResponseEntity.created(URI.create("/api/v1/products/" + product.productId()))
			.body(ApiResponse.of(product));
	}

	@GetMapping("/{productId}")
	ApiResponse<Product> get(@PathVariable @ResourceId String productId) {
		return ApiResponse.of(this.catalogService.get(productId));
	}

	/** Active products, newest first, filtered by {@code category}, {@code brand}, price range and search text. */
	@GetMapping
	ApiResponse<List<Product>> list(@Valid PageQuery paging, @Valid ProductFilter filter) {
		return ApiResponse.page(this.catalogService.list(filter.checked(), paging), paging);
	}

	@GetMapping("/search")
	ApiResponse<List<Product>> search(@Valid PageQuery paging, @Valid ProductFilter filter) {
		return list(paging, filter);
	}

	@GetMapping("/category/{category}")
	ApiResponse<List<Product>> byCategory(@PathVariable @Size(max = 50) String category, @Valid PageQuery paging,
			@Valid ProductFilter filter) {
		return list(paging, filter.withCategory(category));
	}

	@GetMapping("/brand/{brand}")
	ApiResponse<List<Product>> byBrand(@PathVariable @Size(max = 50) String brand, @Valid PageQuery paging,
			@Valid ProductFilter filter) {
		return list(paging, filter.withBrand(brand));
	}

	@PutMapping("/{productId}")
	ApiResponse<Product> update(@PathVariable @ResourceId String productId, @Valid @RequestBody ProductChanges changes) {
		return ApiResponse.of(this.catalogService.update(productId, changes));
	}

	@DeleteMapping("/{productId}")
	ResponseEntity<Void> delete(@PathVariable @ResourceId String productId) {
		this.catalogService.delete(productId);
		return ResponseEntity.noContent().build();
	}

}
