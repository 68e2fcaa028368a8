package io.thriftstore.consumer.savedsearch;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchWordsTests {

    @Test
    void wordsAreLowerCaseDistinctAndSplitAtAnythingButLettersAndDigits() {
        assertThat(SearchWords.of("  Brass-LAMP, brass (1970s) Ästhetik ")).containsExactly("1970s", "brass", "lamp", "ästhetik");
        assertThat(SearchWords.of("?! ...")).isEmpty();
        assertThat(SearchWords.of(null)).isEmpty();
    }

    @Test
    void aSearchIsDescribedInTheShoppersOwnWords() {
        assertThat(NewMatches.describe("brass lamp", "furniture", new BigDecimal("30"), "USD"))
            .isEqualTo("\u201Cbrass lamp\u201D in furniture up to 30.00 USD");
        assertThat(NewMatches.describe(null, "books", null, "USD")).isEqualTo("books");
        assertThat(NewMatches.describe(null, null, new BigDecimal("5.5"), "USD")).isEqualTo("up to 5.50 USD");
    }
}
