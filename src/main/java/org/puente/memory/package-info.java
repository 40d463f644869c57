/**
 * Translation memories: what was already translated, and how much of a new document it covers.
 *
 * <p>What this package owns:
 * <ul>
 *   <li><b>SRX segmentation</b> ({@link org.puente.memory.Segmenter}): text to sentences with
 *       the rules of {@code pipeline/segmentation.srx} (Okapi's SRX engine), for es, en and pt.
 *       The only place in Puente that splits text into translation units.</li>
 *   <li>Translation memories and TMX import/export, alignment of parallel documents, the fuzzy
 *       index (later parts of the translation-memory issue). Leverage analysis has its own package,
 *       {@code leverage}.</li>
 * </ul>
 *
 * <p>It may call {@code config} and read what {@code inventory} and {@code extraction} produce;
 * nothing of {@code web} or {@code cli}.
 */
package org.puente.memory;
