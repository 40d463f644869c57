package org.puente.memory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.puente.config.PuenteProperties;
import org.puente.extraction.ExtractionStatus;
import org.puente.extraction.WordCount;
import org.puente.inventory.ContentHash;
import org.puente.inventory.DocumentRepository;
import org.puente.memory.LeverageRepository.Candidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Leverage analysis of a batch of inventory documents into one target language: each document's
 * extracted text is segmented with the SRX rules of its language, each segment looked up in the
 * translation memory and counted in its {@link MatchBand} (see there for the precedence).
 *
 * <p>Documents are read and analysed one at a time, in batch order; across the batch only a
 * 64-bit fingerprint of each distinct segment is kept, for the repetitions. Segments are compared
 * and looked up with their whitespace collapsed to single spaces (a line break inside a sentence
 * of extracted text is layout, not content), case-sensitively.
 */
@Service
public class LeverageAnalysis {

    private static final Logger log = LoggerFactory.getLogger(LeverageAnalysis.class);
    /** A long batch says how far it got this often. */
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private final LeverageRepository reports;
    private final DocumentRepository documents;
    private final ObjectProvider<Segmenter> segmenter;
    private final TmLookup lookup;
    private final TranslationMemory memory;
    private final List<String> languages;
    private final LeverageWeights weights;

    public LeverageAnalysis(LeverageRepository reports, DocumentRepository documents, ObjectProvider<Segmenter> segmenter,
                            TmLookup lookup, TranslationMemory memory, PuenteProperties properties) {
        this.reports = reports;
        this.documents = documents;
        this.segmenter = segmenter;
        this.lookup = lookup;
        this.memory = memory;
        this.languages = properties.getLanguages().stream().map(LanguageTags::normalize).toList();
        this.weights = LeverageWeights.of(properties.getMemory().getLeverage().getWeights());
    }

    /**
     * Analyses a batch into {@code targetLanguage} and saves the report.
     *
     * @param documentIds the batch, in this order; empty for every present, extracted document in
     *                    a configured language other than the target (in the order of their locations)
     * @throws IllegalArgumentException when the target language is not a configured language, or
     *         a document id is not in the register
     */
    public LeverageReport analyze(String targetLanguage, List<String> documentIds) {
        long start = System.nanoTime();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String target = targetLanguage(targetLanguage);
        String targetBase = LanguageTags.language(target);
        boolean chosen = !documentIds.isEmpty();
        List<Candidate> batch = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        documentIds.forEach(id -> ids.add(id.strip()));
        for (String id : ids) {
            batch.add(reports.document(id).orElseThrow(() -> new IllegalArgumentException(
                    "no document with id '" + id + "' in the register (ids are in inventory/register.csv)")));
        }
        if (!chosen) {
            batch.addAll(reports.presentDocuments());
        }
        long memoryUnits = memory.size();
        List<DocumentLeverage> analysed = new ArrayList<>();
        List<SkippedDocument> skipped = new ArrayList<>();
        Set<Long> batchSegments = new HashSet<>();
        long lastProgress = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            Candidate c = batch.get(i);
            if (System.nanoTime() - lastProgress > PROGRESS_NANOS) {
                log.info("leverage into {}: {} of {} documents read", target, i, batch.size());
                lastProgress = System.nanoTime();
            }
            boolean inTarget = isConfigured(c.language()) && LanguageTags.language(c.language()).equals(targetBase);
            if (inTarget && !chosen) {
                continue; // the batch's translations, not its sources
            }
            String reason = inTarget ? "it is already in " + c.language() + ", the target language" : skipReason(c);
            Optional<String> text = reason == null ? documents.text(c.id()) : Optional.empty();
            if (reason == null && text.map(String::isBlank).orElse(true)) {
                reason = "no text was extracted from it";
            }
            if (reason != null) {
                skipped.add(new SkippedDocument(c.id(), c.title(), c.location(), reason));
                continue;
            }
            DocumentLeverage d = analyze(c, text.get(), target, batchSegments);
            log.debug("{}: {} segments, {} words", c.id(), d.total().segments(), d.total().words());
            analysed.add(d);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        LeverageReport report = reports.save(new LeverageReport(null, target, createdAt, memoryUnits, weights, analysed,
                skipped, elapsed));
        log.info("leverage report {} into {}: {} documents, {} words, {} skipped, {} ms", report.id(), target,
                analysed.size(), report.total().words(), skipped.size(), elapsed);
        return report;
    }

    private DocumentLeverage analyze(Candidate c, String text, String target, Set<Long> batchSegments) {
        List<String> segments = segmenter.getObject().segment(text, c.language()).stream()
                .map(SegmentContext::collapseSpaces).toList();
        Map<MatchBand, BandCounts> bands = new EnumMap<>(MatchBand.class);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            long fingerprint = fingerprint(segment);
            boolean repeatedInDocument = !seen.add(fingerprint);
            boolean repeatedInBatch = !repeatedInDocument && batchSegments.contains(fingerprint);
            String previous = i > 0 ? segments.get(i - 1) : "";
            String next = i + 1 < segments.size() ? segments.get(i + 1) : "";
            // A repetition only leaves its band for a match that needs no work: ask for those only.
            double threshold = repeatedInDocument || repeatedInBatch ? 100 : MatchBand.LOWEST_SCORE;
            Optional<TmMatch> best = bestMatch(segment, previous, next, c.language(), target, threshold);
            MatchBand band = MatchBand.of(best.map(TmMatch::score).orElse(0f), best.map(TmMatch::inContext).orElse(false),
                    repeatedInDocument, repeatedInBatch);
            bands.merge(band, new BandCounts(1, WordCount.of(segment), characters(segment)), BandCounts::plus);
        }
        batchSegments.addAll(seen);
        return new DocumentLeverage(c.id(), c.title(), c.location(), c.language(), bands, weights.weightedWords(bands));
    }

    /**
     * The memory's best match for a segment between its neighbours in the document ("" at the
     * document's edges): an exact match whose unit had the same neighbours is in context.
     */
    private Optional<TmMatch> bestMatch(String segment, String previous, String next, String sourceLanguage,
                                        String targetLanguage, double threshold) {
        return lookup.lookup(segment, previous, next, sourceLanguage, targetLanguage, threshold, 1).stream().findFirst();
    }

    private String targetLanguage(String tag) {
        String target;
        try {
            target = LanguageTags.normalize(tag);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target language: " + e.getMessage(), e);
        }
        if (!isConfigured(target)) {
            throw new IllegalArgumentException("the target language " + target + " is not one of the configured languages ("
                    + String.join(", ", languages) + ", puente.languages)");
        }
        return target;
    }

    /** Whether a tag's language is among the configured ones (pt-BR when pt is configured). */
    private boolean isConfigured(String tag) {
        if (tag == null) {
            return false;
        }
        String base;
        try {
            base = LanguageTags.language(LanguageTags.normalize(tag));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return languages.stream().anyMatch(l -> LanguageTags.language(l).equals(base));
    }

    /** Why a document cannot be analysed, or null. */
    private String skipReason(Candidate c) {
        if (!DocumentRepository.PRESENT.equals(c.state())) {
            return "it is gone from every source (kept in the register for history)";
        }
        if (!ExtractionStatus.EXTRACTED.name().equals(c.status())) {
            return "its text could not be extracted (" + c.status()
                    + (c.statusMessage() == null || c.statusMessage().isBlank() ? "" : ": " + c.statusMessage()) + ")";
        }
        if (!isConfigured(c.language())) {
            return "its language is '" + c.language() + "', not one of " + String.join(", ", languages);
        }
        return null;
    }

    /** Characters without whitespace, counted in code points. */
    static long characters(String segment) {
        return segment.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)).count();
    }

    private static long fingerprint(String segment) {
        return HexFormat.fromHexDigitsToLong(ContentHash.of(segment).substring(0, 16).toLowerCase(Locale.ROOT));
    }
}
