package com.ecommerce.shared;

import java.util.regex.Pattern;

/**
 * User search text as a case-insensitive substring pattern that matches the text literally. Every regex
 * metacharacter is escaped one by one (rather than with \Q…\E), which MongoDB, PCRE and Java all read the same way.
 */
public final class Search {

	private static final Pattern META = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}/-]");

	private Search() {
	}

	public static Pattern containing(String text) {
		return Pattern.compile(META.matcher(text).replaceAll("\\\\$0"), Pattern.CASE_INSENSITIVE);
	}

}
