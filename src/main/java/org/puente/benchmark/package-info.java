/**
 * Measurements a person runs ({@code puente benchmark}): the pipeline against the baseline an
 * issue names, in one run, printing the figures. Never used by the pipeline itself, except
 * {@link org.puente.benchmark.PeakHeap} in run summaries.
 */
package org.puente.benchmark;
