package com.ecommerce.customer;

import java.util.Locale;

/** The field rules shared by create and update. */
final class CustomerRules {

	/** Hibernate Validator alone accepts {@code a@b}; a reachable address has a dot in its domain. */
	static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

	static final String EMAIL_MESSAGE = "must be a valid email address";

	static final String PHONE = "^\\+?[0-9 ()-]{7,20}$";

	static final String PHONE_MESSAGE = "must be 7 to 20 digits, spaces, '(', ')' or '-', with an optional leading '+'";

	static final String NOT_BLANK = "(?s).*\\S.*";

	private CustomerRules() {
	}

	/** Emails are stored lower-cased, so that one address is one customer whatever its case. */
	static String normalizeEmail(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

}
