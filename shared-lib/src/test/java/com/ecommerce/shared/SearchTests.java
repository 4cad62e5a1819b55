package com.ecommerce.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTests {

	@ParameterizedTest
	@ValueSource(strings = { ".*", "(", "[a-z]+", "a|b", "^x$", "\\", "\\E.*\\Q", "{1}", "a+b?", "-/" })
	void matchesTheTextLiterally(String text) {
		assertThat(Search.containing(text).matcher("before " + text + " after").find()).isTrue();
		assertThat(Search.containing(text).matcher("plain words only").find()).isFalse();
	}

	@Test
	void writesANulCharacterOut() {
		var pattern = Search.containing("a\0b");
		assertThat(pattern.pattern()).doesNotContain("\0");
		assertThat(pattern.matcher("xa\0by").find()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "JOHN", "john", "JoHn" })
	void ignoresCase(String text) {
		assertThat(Search.containing(text).matcher("Johnny").find()).isTrue();
	}

}
