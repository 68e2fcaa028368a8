package io.thriftstore.consumer.savedsearch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How text becomes words, the same way for a saved search's {@code q} and for a product's name and
 * description: lower case, split at anything that is not a letter or a digit. "Every word of q appears"
 * (DESIGN) is read as whole words, so that the words can be indexed (saved_search_word) and a product
 * looks up only the searches that share a word with it.
 */
final class SearchWords {

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {
    }

    /** The distinct words, sorted (so that "Lamp brass" and "brass  LAMP" are one search). */
    static Set<String> of(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> words = new TreeSet<>();
        Arrays.stream(NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))).filter(word -> !word.isEmpty()).forEach(words::add);
        return words;
    }
}
