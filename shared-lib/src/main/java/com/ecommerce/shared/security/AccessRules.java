package com.ecommerce.shared.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Who may call which route of a service: one table per service, declared as a bean next to its controllers and
 * applied by {@link ApiSecurity}. A rule names a method, a path pattern ({@code /api/v1/orders/{orderId}} or
 * {@code /**} style) and the scopes that may call it; a rule with no scopes is open to anyone, token or not. The first
 * rule that matches a request decides, so specific paths come before patterns that would also match them
 * ({@code /api/v1/orders/needs-attention} before {@code /api/v1/orders/{orderId}}).
 * <p>
 * A request no rule matches needs a valid token of any scope and is then answered by the service as usual (404 for an
 * unknown route, 405 for a wrong method): a route added without a rule is therefore never open to anonymous callers,
 * and the access-matrix system test fails for it.
 * <p>
 * Rules speak of scopes, not of clients, so a token for one shopper (subject = customer id) can later be given a
 * scope of its own and an ownership check without changing this table's shape.
 */
public final class AccessRules {

	/**
	 * One row of the table. An empty {@code scopes} means anyone; a {@code parameter} (null for none) makes the row
	 * apply only to requests that give that query parameter (a list narrowed to one order, say).
	 */
	public record Rule(HttpMethod method, String path, String parameter, Set<String> scopes) {

		public Rule {
			scopes = Set.copyOf(scopes);
		}

		public boolean isPublic() {
			return this.scopes.isEmpty();
		}

	}

	private final List<Rule> rules;

	private AccessRules(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	public static AccessRules.Builder builder() {
		return new Builder();
	}

	/** No route rules: only the health probes are open, everything else needs a token. */
	public static AccessRules none() {
		return new AccessRules(List.of());
	}

	public List<Rule> rules() {
		return this.rules;
	}

	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private Builder() {
		}

		/** {@code method path} may be called without a token. */
		public Builder anyone(HttpMethod method, String path) {
			this.rules.add(new Rule(method, path, null, Set.of()));
			return this;
		}

		/** {@code method path} needs a token with one of {@code scopes}. */
		public Builder allow(HttpMethod method, String path, String... scopes) {
			return allowWhen(method, path, null, scopes);
		}

		/** {@code method path?parameter=...} needs a token with one of {@code scopes}; without it, later rules decide. */
		public Builder allowWithParameter(HttpMethod method, String path, String parameter, String... scopes) {
			return allowWhen(method, path, parameter, scopes);
		}

		private Builder allowWhen(HttpMethod method, String path, String parameter, String... scopes) {
			if (scopes.length == 0) {
				throw new IllegalArgumentException(method + " " + path + ": name the scopes, or use anyone()");
			}
			this.rules.add(new Rule(method, path, parameter, Set.of(scopes)));
			return this;
		}

		public AccessRules build() {
			return new AccessRules(this.rules);
		}

	}

}
