/**
 * Typed configuration bound from {@code pipeline/puente.yml}: {@link org.puente.config.PuenteProperties}
 * and the declared sources. Depends on nothing else of Puente but the extraction limits it nests.
 */
package org.puente.config;
