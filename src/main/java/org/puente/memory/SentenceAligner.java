package org.puente.memory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aligns the sentences of a text with those of its translation: Gale and Church's dynamic
 * programming over character lengths, with beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2, helped by
 * lexical evidence (shared numbers, URLs, names, and 4-letter word prefixes: the cognates of
 * Simard, Foster and Isabelle, 1992, which es, en and pt share a lot of) and by paragraph
 * breaks, which a bead should not cross. Each pair gets a confidence in [0, 1].
 *
 * <p>Written here rather than taken from Okapi's {@code gcaligner} step: that one aligns Okapi
 * {@code Segment}s inside a pipeline step, keeps a full matrix and refuses more than 80,000
 * cells (a 300-sentence page against its translation), scores lengths only, returns no
 * per-pair probability to derive a confidence from, and is one more Okapi artifact to keep in
 * step. This one keeps a band around the diagonal, so long documents cost linear memory.
 *
 * <p>Stateless and thread-safe.
 */
public final class SentenceAligner {

    /** Gale and Church's priors of the bead kinds. */
    private static final double P11 = 0.89;
    private static final double P10 = 0.0099 / 2;
    private static final double P21 = 0.089 / 2;
    private static final double P22 = 0.011;
    /** Variance of target characters per source character (Gale and Church's 6.8). */
    private static final double VARIANCE = 6.8;
    /** Lexical similarity expected of two unrelated sentences, and the weight of the difference. */
    private static final double LEX_BASE = 0.12;
    private static final double LEX_WEIGHT = 6.0;
    /** Pseudo-words of {@link #LEX_BASE} similarity added to a pair's words for its confidence. */
    private static final double SMOOTHING = 3;
    /** Cost of a bead that merges sentences across a paragraph break, or starts one on one side only. */
    private static final double PARAGRAPH_CROSSED = 2.0;
    private static final double PARAGRAPH_MISMATCH = 0.5;
    /** Cost of a sentence left untranslated, beyond its prior; of a merged sentence without counterpart. */
    private static final double OMISSION = 2.0;
    private static final double UNSUPPORTED_MERGE = 3.0;
    /** Band half-width around the diagonal, and the most cells a matrix may hold. */
    private static final int MIN_BAND = 60;
    private static final long MAX_CELLS = 16_000_000L;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /** A number with its dots (4.2.1, 10:00, 1.5) is one token; RAID6 and 600MB are two. */
    private static final Pattern WORD = Pattern.compile("\\p{N}+(?:[.,:/]\\p{N}+)*|\\p{L}+");
    private static final Pattern SPLIT_DIGITS = Pattern.compile("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /**
     * One bead of the alignment: source sentences {@code [sourceFrom, sourceTo)} and target
     * sentences {@code [targetFrom, targetTo)} (indexes over all sentences of each text, in
     * order), their texts joined by a space, and the confidence that they translate each other
     * (0 for an omission: a bead with one side empty).
     */
    public record SentencePair(int sourceFrom, int sourceTo, int targetFrom, int targetTo,
                               String source, String target, double confidence) {

        /** A sentence of one text with nothing in the other. */
        public boolean isOmission() {
            return sourceFrom == sourceTo || targetFrom == targetTo;
        }
    }

    /**
     * Aligns two texts given as paragraphs of sentences (as {@link Segmenter#paragraphs}
     * returns them).
     *
     * @return every bead in text order, omissions included
     */
    public List<SentencePair> align(List<List<String>> sourceParagraphs, List<List<String>> targetParagraphs) {
        Side source = new Side(sourceParagraphs);
        Side target = new Side(targetParagraphs);
        Vocabulary vocabulary = new Vocabulary();
        source.tokenize(vocabulary);
        target.tokenize(vocabulary);
        int n = source.size();
        int m = target.size();
        List<SentencePair> beads = new ArrayList<>();
        if (n == 0 || m == 0) {
            for (int i = 0; i < n; i++) {
                beads.add(new SentencePair(i, i + 1, 0, 0, source.text(i, i + 1), "", 0));
            }
            for (int j = 0; j < m; j++) {
                beads.add(new SentencePair(0, 0, j, j + 1, "", target.text(j, j + 1), 0));
            }
            return beads;
        }
        // Expected target characters per source character, from the texts themselves.
        double ratio = Math.max(0.5, Math.min(2.0, (double) target.totalLength() / Math.max(1, source.totalLength())));
        Matrix matrix = new Matrix(n, m);
        matrix.set(0, 0, 0, (byte) 0);
        for (int i = 0; i <= n; i++) {
            for (int j = matrix.low(i); j <= matrix.high(i); j++) {
                if (i == 0 && j == 0) {
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                byte move = 0;
                for (byte k = 1; k <= 6; k++) {
                    int di = DI[k];
                    int dj = DJ[k];
                    if (i < di || j < dj) {
                        continue;
                    }
                    double previous = matrix.cost(i - di, j - dj);
                    if (previous == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    double c = previous + beadCost(source, target, i - di, i, j - dj, j, ratio);
                    if (c < best) {
                        best = c;
                        move = k;
                    }
                }
                matrix.set(i, j, best, move);
            }
        }
        List<int[]> path = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            byte k = matrix.move(i, j);
            if (k == 0) {
                throw new IllegalStateException("no alignment path through cell " + i + "," + j);
            }
            path.add(new int[] {i - DI[k], i, j - DJ[k], j});
            i -= DI[k];
            j -= DJ[k];
        }
        java.util.Collections.reverse(path);
        double[] local = new double[path.size()];
        for (int b = 0; b < path.size(); b++) {
            int[] p = path.get(b);
            if (!isOmission(p)) {
                boolean besideOmission = (b > 0 && isOmission(path.get(b - 1)))
                        || (b + 1 < path.size() && isOmission(path.get(b + 1)));
                local[b] = confidence(source, target, p[0], p[1], p[2], p[3], ratio, besideOmission);
            }
        }
        for (int b = 0; b < path.size(); b++) {
            int[] p = path.get(b);
            double confidence = local[b];
            if (!isOmission(p)) {
                // A pair held between two sure pairs is where the sequence puts it: a free
                // translation with few shared words is still likely right, if the lengths agree.
                double before = b > 0 ? local[b - 1] : b + 1 < path.size() ? local[b + 1] : 0;
                double after = b + 1 < path.size() ? local[b + 1] : before;
                double context = Math.min(before, after);
                double length = lengthProbability(source.length(p[0], p[1]), target.length(p[2], p[3]), ratio);
                confidence += (1 - confidence) * CONTEXT_WEIGHT * context * Math.sqrt(length);
            }
            beads.add(new SentencePair(p[0], p[1], p[2], p[3], source.text(p[0], p[1]), target.text(p[2], p[3]), confidence));
        }
        return beads;
    }

    /** How much two sure neighbours raise a pair's confidence toward 1. */
    private static final double CONTEXT_WEIGHT = 0.7;

    /** Moves 1..6: 1-1, 1-0, 0-1, 2-1, 1-2, 2-2 (source sentences, target sentences). */
    private static final int[] DI = {0, 1, 1, 0, 2, 1, 2};
    private static final int[] DJ = {0, 1, 0, 1, 1, 2, 2};
    private static final double[] PRIOR_COST = {0, -Math.log(P11), -Math.log(P10), -Math.log(P10),
            -Math.log(P21), -Math.log(P21), -Math.log(P22)};

    private static boolean isOmission(int[] p) {
        return p[0] == p[1] || p[2] == p[3];
    }

    private static double beadCost(Side s, Side t, int i0, int i1, int j0, int j1, double ratio) {
        int kind = kind(i1 - i0, j1 - j0);
        if (i0 == i1 || j0 == j1) {
            // Gale and Church price an omission by its length, so that a long sentence left out
            // is always absorbed into a merge; a flat price lets the lexical evidence decide.
            return PRIOR_COST[kind] + OMISSION;
        }
        double cost = PRIOR_COST[kind] - Math.log(Math.max(1e-12, lengthProbability(s.length(i0, i1), t.length(j0, j1), ratio)));
        int[] sw = s.words(i0, i1);
        int[] tw = t.words(j0, j1);
        cost += LEX_WEIGHT * (LEX_BASE - dice(sw, tw));
        // Each sentence of a merge must have some counterpart on the other side.
        for (int i = i0; i1 - i0 > 1 && i < i1; i++) {
            cost += unsupported(s.words(i, i + 1), tw);
        }
        for (int j = j0; j1 - j0 > 1 && j < j1; j++) {
            cost += unsupported(t.words(j, j + 1), sw);
        }
        if (s.startsParagraph(i0) != t.startsParagraph(j0)) {
            cost += PARAGRAPH_MISMATCH;
        }
        cost += PARAGRAPH_CROSSED * (s.breaksWithin(i0, i1) + t.breaksWithin(j0, j1));
        return cost;
    }

    /** A merged sentence few of whose words occur on the other side costs extra. */
    private static double unsupported(int[] sentence, int[] other) {
        if (sentence.length == 0) {
            return 0;
        }
        double covered = 2 * dice(sentence, other) * (sentence.length + other.length) / 2 / sentence.length;
        return covered < LEX_BASE ? UNSUPPORTED_MERGE : 0;
    }

    private static int kind(int di, int dj) {
        for (int k = 1; k <= 6; k++) {
            if (DI[k] == di && DJ[k] == dj) {
                return k;
            }
        }
        throw new IllegalArgumentException(di + "-" + dj);
    }

    /**
     * Gale and Church's probability that {@code sourceLength} characters translate into
     * {@code targetLength}: two-tailed, so 1 when the lengths are in the expected ratio.
     */
    static double lengthProbability(int sourceLength, int targetLength, double ratio) {
        if (sourceLength == 0 && targetLength == 0) {
            return 1;
        }
        double mean = (sourceLength + targetLength / ratio) / 2;
        double z = Math.abs((ratio * sourceLength - targetLength) / Math.sqrt(VARIANCE * mean));
        return 2 * (1 - normalCdf(z));
    }

    /** Abramowitz and Stegun 26.2.17, as Gale and Church used it. */
    private static double normalCdf(double z) {
        double t = 1 / (1 + 0.2316419 * z);
        return 1 - 0.3989423 * Math.exp(-z * z / 2)
                * ((((1.330274429 * t - 1.821255978) * t + 1.781477937) * t - 0.356563782) * t + 0.319381530) * t;
    }

    /**
     * The confidence of a pair: a logistic over the length probability, the lexical
     * similarity, whether anchors (numbers, URLs, names, ? and !) agree, and what makes a bead
     * less certain (a merge, a paragraph break on one side only, an omission next to it).
     * Weights set on generated pairs and the Debian guide's es/en/pt pages (README, Alignment).
     */
    private static double confidence(Side s, Side t, int i0, int i1, int j0, int j1, double ratio, boolean besideOmission) {
        int ls = s.length(i0, i1);
        int lt = t.length(j0, j1);
        // Short pairs say little: any two short strings have likely lengths, and one shared
        // word is a large Dice. Length evidence counts in full from 120 characters; Dice is
        // drawn toward what unrelated sentences share, the more so the fewer words there are.
        double length = Math.sqrt(lengthProbability(ls, lt, ratio)) * Math.min(1, (ls + lt) / 120.0);
        int[] sw = s.words(i0, i1);
        int[] tw = t.words(j0, j1);
        double lexical = (dice(sw, tw) * (sw.length + tw.length) + LEX_BASE * SMOOTHING) / (sw.length + tw.length + SMOOTHING);
        int[] sa = s.anchors(i0, i1);
        int[] ta = t.anchors(j0, j1);
        double anchors = sa.length + ta.length == 0 ? 0 : 2 * dice(sa, ta) - 1;
        double z = -2.2 + 2.0 * length + 7.0 * lexical + 0.8 * anchors;
        if (i1 - i0 > 1 || j1 - j0 > 1) {
            z -= 0.5;
        }
        if (s.startsParagraph(i0) != t.startsParagraph(j0) || s.breaksWithin(i0, i1) + t.breaksWithin(j0, j1) > 0) {
            z -= 0.5;
        }
        if (besideOmission) {
            z -= 0.7;
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** Dice coefficient of two sorted sets of ids. */
    static double dice(int[] a, int[] b) {
        if (a.length + b.length == 0) {
            return 0;
        }
        int common = 0;
        for (int x = 0, y = 0; x < a.length && y < b.length; ) {
            if (a[x] == b[y]) {
                common++;
                x++;
                y++;
            } else if (a[x] < b[y]) {
                x++;
            } else {
                y++;
            }
        }
        return 2.0 * common / (a.length + b.length);
    }

    /** Union of two sorted sets of ids. */
    private static int[] union(int[] a, int[] b) {
        int[] all = new int[a.length + b.length];
        int n = 0;
        int x = 0;
        int y = 0;
        while (x < a.length || y < b.length) {
            if (y == b.length || (x < a.length && a[x] < b[y])) {
                all[n++] = a[x++];
            } else if (x == a.length || b[y] < a[x]) {
                all[n++] = b[y++];
            } else {
                all[n++] = a[x++];
                y++;
            }
        }
        return n == all.length ? all : Arrays.copyOf(all, n);
    }

    /** The sentences of one text with what the cost needs of each. */
    private static final class Side {
        private final List<String> sentences = new ArrayList<>();
        private final List<Boolean> paragraphStarts = new ArrayList<>();
        private int[] lengths;
        private int[][] words;
        private int[][] anchors;

        Side(List<List<String>> paragraphs) {
            for (List<String> paragraph : paragraphs) {
                for (int k = 0; k < paragraph.size(); k++) {
                    sentences.add(paragraph.get(k));
                    paragraphStarts.add(k == 0);
                }
            }
        }

        void tokenize(Vocabulary vocabulary) {
            int n = sentences.size();
            lengths = new int[n];
            words = new int[n][];
            anchors = new int[n][];
            for (int i = 0; i < n; i++) {
                String sentence = sentences.get(i);
                lengths[i] = sentence.codePointCount(0, sentence.length());
                TreeSet<Integer> w = new TreeSet<>();
                TreeSet<Integer> a = new TreeSet<>();
                Matcher url = URL.matcher(sentence);
                StringBuilder rest = new StringBuilder();
                int last = 0;
                while (url.find()) {
                    String u = url.group().replaceAll("[.,;:)]+$", "").toLowerCase(java.util.Locale.ROOT);
                    int id = vocabulary.id("u:" + u);
                    w.add(id);
                    a.add(id);
                    rest.append(sentence, last, url.start()).append(' ');
                    last = url.end();
                }
                rest.append(sentence.substring(last));
                Matcher word = WORD.matcher(SPLIT_DIGITS.matcher(rest).replaceAll(" "));
                boolean first = true;
                while (word.find()) {
                    String token = word.group();
                    boolean name = !first && Character.isUpperCase(token.codePointAt(0));
                    first = false;
                    String plain = MARKS.matcher(Normalizer.normalize(token, Normalizer.Form.NFD)).replaceAll("")
                            .toLowerCase(java.util.Locale.ROOT);
                    if (token.chars().anyMatch(Character::isDigit)) {
                        int id = vocabulary.id("n:" + plain);
                        w.add(id);
                        a.add(id);
                    } else if (plain.length() >= 4) {
                        w.add(vocabulary.id("w:" + plain.substring(0, 4)));
                        if (name || token.chars().skip(1).anyMatch(Character::isUpperCase)) {
                            a.add(vocabulary.id("a:" + plain));
                        }
                    }
                }
                if (sentence.indexOf('?') >= 0) {
                    a.add(vocabulary.id("?"));
                }
                if (sentence.indexOf('!') >= 0) {
                    a.add(vocabulary.id("!"));
                }
                words[i] = w.stream().mapToInt(Integer::intValue).toArray();
                anchors[i] = a.stream().mapToInt(Integer::intValue).toArray();
            }
        }

        int size() {
            return sentences.size();
        }

        int totalLength() {
            return Arrays.stream(lengths).sum();
        }

        int length(int from, int to) {
            int sum = 0;
            for (int i = from; i < to; i++) {
                sum += lengths[i];
            }
            return sum;
        }

        int[] words(int from, int to) {
            return to - from == 1 ? words[from] : to - from == 2 ? union(words[from], words[from + 1]) : new int[0];
        }

        int[] anchors(int from, int to) {
            return to - from == 1 ? anchors[from] : to - from == 2 ? union(anchors[from], anchors[from + 1]) : new int[0];
        }

        boolean startsParagraph(int i) {
            return i < paragraphStarts.size() && paragraphStarts.get(i);
        }

        /** Paragraph breaks between the sentences of [from, to). */
        int breaksWithin(int from, int to) {
            int breaks = 0;
            for (int i = from + 1; i < to; i++) {
                if (paragraphStarts.get(i)) {
                    breaks++;
                }
            }
            return breaks;
        }

        String text(int from, int to) {
            return String.join(" ", sentences.subList(from, to));
        }
    }

    private static final class Vocabulary {
        private final Map<String, Integer> ids = new HashMap<>();

        int id(String token) {
            return ids.computeIfAbsent(token, k -> ids.size());
        }
    }

    /** Costs and moves in a band around the diagonal: cells outside it are unreachable. */
    private static final class Matrix {
        private final int n;
        private final int m;
        private final int band;
        private final float[][] costs;
        private final byte[][] moves;

        Matrix(int n, int m) {
            this.n = n;
            this.m = m;
            int wanted = Math.max(MIN_BAND, Math.max(n, m) / 10 + Math.abs(n - m));
            int affordable = (int) Math.max(MIN_BAND, MAX_CELLS / (n + 1) / 2);
            this.band = Math.min(wanted, affordable);
            costs = new float[n + 1][];
            moves = new byte[n + 1][];
            for (int i = 0; i <= n; i++) {
                int width = high(i) - low(i) + 1;
                costs[i] = new float[width];
                moves[i] = new byte[width];
                Arrays.fill(costs[i], Float.POSITIVE_INFINITY);
            }
        }

        private int center(int i) {
            return (int) Math.round((double) i * m / n);
        }

        int low(int i) {
            return Math.max(0, center(i) - band);
        }

        int high(int i) {
            return Math.min(m, center(i) + band);
        }

        double cost(int i, int j) {
            if (j < low(i) || j > high(i)) {
                return Double.POSITIVE_INFINITY;
            }
            return costs[i][j - low(i)];
        }

        byte move(int i, int j) {
            return moves[i][j - low(i)];
        }

        void set(int i, int j, double cost, byte move) {
            costs[i][j - low(i)] = (float) cost;
            moves[i][j - low(i)] = move;
        }
    }
}
