package com.ecommerce.customer;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.ecommerce.shared.web.ApiResponse;
import com.ecommerce.shared.web.PageQuery;
import com.ecommerce.shared.web.ResourceId;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers")
record CustomerController(CustomerService customerService) {

	@PostMapping
	ResponseEntity<ApiResponse<Customer>> create(@Valid @RequestBody NewCustomer request) {
		Customer customer = this.customerService.create(request);
		return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.customerId()))
			.body(ApiResponse.of(customer));
	}

	@GetMapping("/{customerId}")
	ApiResponse<Customer> get(@PathVariable @ResourceId String customerId) {
		return ApiResponse.of(this.customerService.get(customerId));
	}

	/** {@code search} (alias {@code q}): a case-insensitive, literal substring of name, email or city. */
	@GetMapping
	ApiResponse<List<Customer>> list(@Valid PageQuery paging,
			@RequestParam(required = false) @Size(max = 100) String search,
			@RequestParam(required = false) @Size(max = 100) String q) {
		String term = (search != null) ? search : q;
		return ApiResponse.page(this.customerService.list(term, paging), paging);
	}

	@GetMapping("/search")
	ApiResponse<List<Customer>> search(@Valid PageQuery paging, @RequestParam(required = false) @Size(max = 100) String q) {
		return list(paging, null, q);
	}

	@PutMapping("/{customerId}")
	ApiResponse<Customer> update(@PathVariable @ResourceId String customerId,
			@Valid @RequestBody CustomerChanges changes) {
		return ApiResponse.of(this.customerService.update(customerId, changes));
	}

	@DeleteMapping("/{customerId}")
	ResponseEntity<Void> delete(@PathVariable @ResourceId String customerId) {
		this.customerService.delete(customerId);
		return ResponseEntity.noContent().build();
	}

}
