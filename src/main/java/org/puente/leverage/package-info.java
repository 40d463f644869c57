/**
 * Leverage analysis: how much of a batch of inventory documents the translation memory already
 * covers for one target language, in words per match band, the figure translators and
 * coordinators plan and cost work with.
 *
 * <p>Owns the bands ({@link org.puente.leverage.MatchBand}), the analysis
 * ({@link org.puente.leverage.LeverageAnalysis}), its report (CSV, JSON, and the
 * {@code leverage_*} tables). It reads the register and the extracted text of
 * {@code inventory}, segments and looks up with {@code memory}, counts words as
 * {@code extraction} does; nothing of {@code web} or {@code cli}.
 */
package org.puente.leverage;
