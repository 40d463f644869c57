package org.puente.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class FuzzyIndexTest {

    /** Seed of the randomized tests: {@code -Dtests.seed=N} replays a failure. */
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void identicalTextScoresHundred() {
        FuzzyIndex index = new FuzzyIndex();
        index.add(7, "The library opens at nine");
        assertThat(index.search("The library opens at nine", 75, 5)).containsExactly(new FuzzyHit(7, 100f));
    }

    @Test
    void oneWordChangedScoresAsCountedByHand() {
        // 22 and 23 grams; shared: "the ".."ary " (9) and "s at".."nine" (6): 2*15/45
        FuzzyIndex index = new FuzzyIndex();
        index.add(1, "The library closes at nine");
        List<FuzzyHit> hits = index.search("The library opens at nine", 50, 5);
        assertThat(hits).containsExactly(new FuzzyHit(1, 66.66667f));
        assertThat(hits.get(0).score()).isEqualTo(reference("The library opens at nine", "The library closes at nine"));
        assertThat(CharacterGrams.of("abcdef").score(CharacterGrams.of("abcdeg"))).isEqualTo(2f * 2 / 6 * 100);
    }

    @Test
    void hitAtExactlyTheThresholdIsReturned() {
        FuzzyIndex index = new FuzzyIndex();
        index.add(1, "abcdefh"); // 3 of 4 grams shared with the query: 6/8 = 75
        assertThat(index.search("abcdefg", 75, 5)).containsExactly(new FuzzyHit(1, 75f));
        assertThat(index.search("abcdefg", 75.0001, 5)).isEmpty();

        // 27 grams all inside a 45-gram query: 54/72 = 75; a float bound (27.000001) lost this one
        String query = "abcdefghijklmnopqrstuvwxyz0123456789áéíóúñçàèìòù";
        index.add(2, query.substring(0, 30));
        assertThat(CharacterGrams.of(query).size()).isEqualTo(45);
        assertThat(index.search(query, 75, 5)).containsExactly(new FuzzyHit(2, 75f));
        assertThat(index.search(query, 75.0001, 5)).isEmpty();
    }

    @Test
    void caseAndWhitespaceDoNotCount() {
        FuzzyIndex index = new FuzzyIndex();
        index.add(1, "La  Biblioteca\tNacional\n\nabre HOY");
        assertThat(index.search("la biblioteca nacional abre hoy", 90, 5)).containsExactly(new FuzzyHit(1, 100f));
        // non-ASCII whitespace is not collapsed, as in Pensieve
        assertThat(index.search("la biblioteca\u00A0nacional abre hoy", 50, 5).get(0).score()).isLessThan(100f);
        assertThat(CharacterGrams.of("ÁRBOL Ñandú").score(CharacterGrams.of("árbol ñandú"))).isEqualTo(100f);
    }

    @Test
    void shortTextIsOneGramOfItself() {
        FuzzyIndex index = new FuzzyIndex();
        index.add(1, "Sí");
        index.add(2, "sí.");
        index.add(3, "sin");
        assertThat(CharacterGrams.of("Sí").size()).isEqualTo(1);
        assertThat(index.search("SÍ", 100, 5)).containsExactly(new FuzzyHit(1, 100f));
        assertThat(index.search("sí.", 10, 5)).containsExactly(new FuzzyHit(2, 100f));
        // "sin" and "sint" share nothing: a short text is one token, not its grams
        assertThat(index.search("sint", 1, 5)).isEmpty();
        assertThat(index.search("", 50, 5)).isEmpty();
        assertThat(index.search("  ", 50, 5)).isEmpty(); // one space: a gram, but no unit has it
    }

    @Test
    void gramsWithSupplementaryCharactersAreDropped() {
        // a b c d 📚 e f g h: only "abcd" and "efgh" are 4 chars long
        assertThat(CharacterGrams.of("abcd📚efgh").size()).isEqualTo(2);
        FuzzyIndex index = new FuzzyIndex();
        index.add(1, "abcd📚efgh");
        assertThat(index.search("abcdXefgh", 50, 5)).containsExactly(new FuzzyHit(1, 50f));
        // three supplementary characters are 6 chars: no gram at all; two are 4 chars: one gram
        assertThat(CharacterGrams.of("📚📚📚").size()).isZero();
        index.add(2, "📚📖");
        assertThat(index.search("📚📖", 100, 5)).containsExactly(new FuzzyHit(2, 100f));
        assertThat(index.search("📚📚📚", 1, 5)).isEmpty();
        // a lone surrogate reads as U+FFFD
        assertThat(CharacterGrams.of("ab\uD800c").score(CharacterGrams.of("ab\uFFFDc"))).isEqualTo(100f);
    }

    @Test
    void removedUnitsAreNotFound() {
        FuzzyIndex index = new FuzzyIndex();
        index.add(10, "Catálogo de publicaciones");
        index.add(-3, "Catálogo de publicações");
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.remove(10)).isTrue();
        assertThat(index.remove(10)).isFalse();
        assertThat(index.remove(99)).isFalse();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search("Catálogo de publicaciones", 50, 5)).extracting(FuzzyHit::unitId).containsExactly(-3);
        index.add(10, "Catálogo de publicaciones");
        assertThat(index.search("Catálogo de publicaciones", 50, 5)).extracting(FuzzyHit::unitId).containsExactly(10, -3);
        // adding an id again replaces its text
        index.add(10, "Something else entirely");
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search("Catálogo de publicaciones", 50, 5)).extracting(FuzzyHit::unitId).containsExactly(-3);
        long bytes = index.approximateBytes();
        index.trimToSize();
        assertThat(index.approximateBytes()).isPositive().isLessThan(bytes);
        index.add(11, "Catálogo de publicaciones");
        assertThat(index.search("Catálogo de publicaciones", 50, 5)).extracting(FuzzyHit::unitId).containsExactly(11, -3);
    }

    @Test
    void hitsAreOrderedByScoreThenIdAndCappedAtMax() {
        FuzzyIndex index = new FuzzyIndex();
        index.add(5, "the reading room");
        index.add(2, "the reading room");
        index.add(9, "the reading rooms");
        index.add(1, "The Reading Room");
        assertThat(index.search("the reading room", 50, 3))
                .extracting(FuzzyHit::unitId).containsExactly(1, 2, 5);
        assertThat(index.search("the reading room", 50, 10)).hasSize(4).last().extracting(FuzzyHit::unitId).isEqualTo(9);
    }

    @Test
    void refusesBadArguments() {
        FuzzyIndex index = new FuzzyIndex();
        assertThatThrownBy(() -> index.search("x", 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search("x", 100.5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search("x", Double.NaN, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search("x", 50, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gramsAgreeWithAStringReferenceOnRandomText() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            String a = randomSentence(random);
            String b = random.nextBoolean() ? perturb(a, random) : randomSentence(random);
            assertThat(CharacterGrams.of(a).size()).as("seed %d: %s", SEED, a).isEqualTo(referenceGrams(a).size());
            assertThat(CharacterGrams.of(a).score(CharacterGrams.of(b))).as("seed %d: %s | %s", SEED, a, b)
                    .isEqualTo(reference(a, b));
        }
    }

    @Test
    void searchEqualsAFullScanOnRandomSentences() {
        Random random = new Random(SEED);
        FuzzyIndex index = new FuzzyIndex();
        Map<Integer, String> units = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        while (units.size() < 3000) {
            int id = random.nextInt(20_000) - 5_000;
            String text = random.nextInt(10) == 0 && !texts.isEmpty()
                    ? perturb(texts.get(random.nextInt(texts.size())), random) : randomSentence(random);
            units.put(id, text); // an id drawn twice: its text is replaced, in the index too
            texts.add(text);
            index.add(id, text);
            if (units.size() == 1500) {
                index.trimToSize(); // and growing again afterwards
            }
        }
        List<Integer> ids = new ArrayList<>(units.keySet());
        for (int i = 0; i < 300; i++) {
            int id = ids.get(random.nextInt(ids.size()));
            if (units.remove(id) != null) {
                assertThat(index.remove(id)).isTrue();
            }
        }
        assertThat(index.size()).isEqualTo(units.size());
        List<String> queries = queries(random, texts, 400);
        Map<Integer, Set<String>> unitGrams = new LinkedHashMap<>();
        units.forEach((id, text) -> unitGrams.put(id, referenceGrams(text)));
        int compared = 0;
        for (String query : queries) {
            List<FuzzyHit> scan = fullScan(unitGrams, query, 50);
            for (double threshold : new double[] {50, 75, 90}) {
                List<FuzzyHit> expected = scan.stream().filter(h -> h.score() >= threshold).toList();
                List<FuzzyHit> actual = index.search(query, threshold, Integer.MAX_VALUE);
                assertThat(actual).as("seed %d, threshold %s, query %s", SEED, threshold, query).isEqualTo(expected);
                assertThat(index.search(query, threshold, 5)).as("seed %d", SEED)
                        .isEqualTo(expected.subList(0, Math.min(5, expected.size())));
                compared += expected.size();
            }
        }
        assertThat(compared).as("the queries find something").isGreaterThan(1000);
    }

    @Test
    void concurrentSearchesFindWhatOneThreadFinds() throws Exception {
        Random random = new Random(SEED);
        FuzzyIndex index = new FuzzyIndex();
        List<String> texts = new ArrayList<>();
        for (int id = 0; id < 4000; id++) {
            String text = randomSentence(random);
            texts.add(text);
            index.add(id, text);
        }
        List<String> queries = queries(random, texts, 500);
        List<List<FuzzyHit>> expected = new ArrayList<>();
        for (String q : queries) {
            expected.add(index.search(q, 60, 10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<FuzzyHit>>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 97;
                runs.add(pool.submit(() -> {
                    List<List<FuzzyHit>> found = new ArrayList<>(queries.size());
                    for (int r = 0; r < 3; r++) {
                        found.clear();
                        for (int i = 0; i < queries.size(); i++) {
                            found.add(null);
                        }
                        for (int k = 0; k < queries.size(); k++) {
                            int i = (k + offset) % queries.size();
                            found.set(i, index.search(queries.get(i), 60, 10));
                        }
                    }
                    return found;
                }));
            }
            for (Future<List<List<FuzzyHit>>> run : runs) {
                assertThat(run.get()).as("seed %d", SEED).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- fixtures and the reference scorer, written from the description, not from CharacterGrams

    @Test
    void aStoredIndexReadsBackAsTheSameIndex() throws Exception {
        Random random = new Random(SEED);
        FuzzyIndex index = new FuzzyIndex();
        List<String> texts = new ArrayList<>();
        for (int id = 1; id <= 3000; id++) {
            String text = randomSentence(random);
            texts.add(text);
            index.add(id, text);
        }
        index.remove(17);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        index.write(bytes);

        FuzzyIndex stored = FuzzyIndex.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));

        assertThat(stored.size()).isEqualTo(index.size());
        for (int i = 0; i < 200; i++) {
            String query = perturb(texts.get(random.nextInt(texts.size())), random);
            assertThat(stored.search(query, 50, 10)).isEqualTo(index.search(query, 50, 10));
        }
        stored.add(5000, texts.get(3)); // and it goes on growing
        assertThat(stored.search(texts.get(3), 100, 10)).extracting(FuzzyHit::unitId).contains(4, 5000);

        byte[] damaged = bytes.toByteArray().clone();
        java.util.Arrays.fill(damaged, damaged.length / 2, damaged.length / 2 + 64, (byte) 0x7f);
        assertThatThrownBy(() -> FuzzyIndex.read(new java.io.ByteArrayInputStream(damaged)))
                .isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> FuzzyIndex.read(new java.io.ByteArrayInputStream("not an index".getBytes())))
                .isInstanceOf(java.io.IOException.class);
    }

    private static final String[] WORDS = {
        "biblioteca", "library", "biblioteca", "libro", "book", "livro", "lectura", "reading", "leitura",
        "catálogo", "catalogue", "catálogo", "la", "the", "a", "de", "of", "do", "en", "in", "em", "y", "and", "e",
        "sala", "room", "nacional", "national", "pública", "public", "acceso", "access", "acesso", "abierto", "open",
        "aberto", "año", "year", "ano", "informe", "report", "relatório", "colección", "collection", "coleção",
        "digital", "préstamo", "loan", "empréstimo", "usuarios", "users", "usuários", "2024", "15", "IFLA",
        "Caribe", "América", "Latina", "São", "Paulo", "ÑANDÚ", "über", "📚", "x", "é", "ok",
    };

    private static String randomSentence(Random random) {
        int words = 1 + random.nextInt(random.nextInt(4) == 0 ? 3 : 14);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                b.append(random.nextInt(15) == 0 ? (random.nextBoolean() ? "  " : "\t") : " ");
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (random.nextInt(3) == 0) {
            b.append(random.nextBoolean() ? "." : "?");
        }
        return b.toString();
    }

    /** One small edit: a word dropped, replaced or added, case or spacing changed. */
    private static String perturb(String text, Random random) {
        List<String> words = new ArrayList<>(List.of(text.split(" ")));
        switch (random.nextInt(5)) {
            case 0 -> {
                if (words.size() > 1) {
                    words.remove(random.nextInt(words.size()));
                }
            }
            case 1 -> words.set(random.nextInt(words.size()), WORDS[random.nextInt(WORDS.length)]);
            case 2 -> words.add(random.nextInt(words.size() + 1), WORDS[random.nextInt(WORDS.length)]);
            case 3 -> {
                return random.nextBoolean() ? text.toUpperCase(java.util.Locale.ROOT) : text.replace(" ", "   ");
            }
            default -> {
                return text + " " + random.nextInt(100);
            }
        }
        return String.join(" ", words);
    }

    private static List<String> queries(Random random, List<String> texts, int count) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String base = texts.get(random.nextInt(texts.size()));
            int kind = random.nextInt(4);
            queries.add(kind == 0 ? randomSentence(random) : kind == 1 ? base : perturb(perturb(base, random), random));
        }
        return queries;
    }

    private static List<FuzzyHit> fullScan(Map<Integer, Set<String>> units, String query, double threshold) {
        Set<String> queryGrams = referenceGrams(query);
        List<FuzzyHit> hits = new ArrayList<>();
        for (Map.Entry<Integer, Set<String>> e : units.entrySet()) {
            float score = reference(queryGrams, e.getValue());
            if (score >= threshold) {
                hits.add(new FuzzyHit(e.getKey(), score));
            }
        }
        hits.sort(Comparator.comparing(FuzzyHit::score).reversed().thenComparing(FuzzyHit::unitId));
        return hits;
    }

    /** Pensieve's analyzer step by step on strings: \s+ to " ", lower case, 4-grams kept if 4 chars, short text whole. */
    private static Set<String> referenceGrams(String text) {
        String spaced = text.replaceAll("\\s+", " ");
        StringBuilder lower = new StringBuilder();
        spaced.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
        int[] cps = lower.codePoints().toArray();
        Set<String> grams = new HashSet<>();
        if (cps.length > 0 && cps.length < 4) {
            if (lower.length() <= 4) {
                grams.add(lower.toString());
            }
        }
        for (int i = 0; i + 4 <= cps.length; i++) {
            String gram = new String(cps, i, 4);
            if (gram.length() == 4) {
                grams.add(gram);
            }
        }
        return grams;
    }

    /** Okapi's Util.calculateDiceCoefficient over the reference grams. */
    private static float reference(String a, String b) {
        return reference(referenceGrams(a), referenceGrams(b));
    }

    private static float reference(Set<String> ga, Set<String> gb) {
        if (ga.isEmpty() && gb.isEmpty()) {
            return 0f;
        }
        int common = 0;
        for (String g : ga) {
            if (gb.contains(g)) {
                common++;
            }
        }
        return (float) ((2.0f * (float) common)) / (float) (ga.size() + gb.size()) * 100.0f;
    }
}
